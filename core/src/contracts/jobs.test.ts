import { JOB_NAMES, ingestBatchJobSchema, jobsCarriedBy, processEventJobSchema, projectOfJob } from "./jobs";

const job = (event: unknown) => ({ projectId: 1, eventId: "a".repeat(32), receivedAt: 0, event });

describe("processEventJobSchema", () => {
  it("takes the event object as it is, without copying it", () => {
    const event = { message: "boom", extra: { nested: [1, 2] } };
    const parsed = processEventJobSchema.parse(job(event));
    expect(parsed.event).toBe(event);
  });

  it.each([[null], [[1, 2]], ["text"], [42], [undefined]])("refuses an event that is not an object: %p", (event) => {
    const result = processEventJobSchema.safeParse(job(event));
    expect(result.success).toBe(false);
  });
});

describe("jobsCarriedBy", () => {
  const carried = { name: JOB_NAMES.processEvent, data: job({ message: "x" }) };

  it("unwraps a batch and leaves any other job as itself", () => {
    expect(jobsCarriedBy({ name: JOB_NAMES.ingestBatch, data: { jobs: [carried, carried] } })).toHaveLength(2);
    expect(jobsCarriedBy(carried)).toEqual([carried]);
  });

  it("carries nothing for a malformed or nested batch", () => {
    expect(jobsCarriedBy({ name: JOB_NAMES.ingestBatch, data: { jobs: [] } })).toEqual([]);
    const nested = { name: JOB_NAMES.ingestBatch, data: { jobs: [carried] } };
    expect(ingestBatchJobSchema.safeParse({ jobs: [nested] }).success).toBe(false);
  });
});

describe("projectOfJob", () => {
  const of = (projectId: number) => ({ name: JOB_NAMES.processEvent, data: { ...job({}), projectId } });

  it("is a job's own project, or the one project a whole batch belongs to", () => {
    expect(projectOfJob(of(7))).toBe(7);
    expect(projectOfJob({ name: JOB_NAMES.ingestBatch, data: { jobs: [of(7), of(7)] } })).toBe(7);
  });

  it("is null for a batch of several projects, and for jobs with no project", () => {
    expect(projectOfJob({ name: JOB_NAMES.ingestBatch, data: { jobs: [of(7), of(8)] } })).toBeNull();
    expect(projectOfJob({ name: JOB_NAMES.retention, data: {} })).toBeNull();
  });
});
