import { JOB_NAMES, type QueuedJob } from "@faultline/core";
import { JobBatcher } from "./job-batcher";

const job = (n: number): QueuedJob => ({
  name: JOB_NAMES.processEvent,
  data: { projectId: 1, eventId: n.toString(16).padStart(32, "0"), receivedAt: 0, event: {} },
});
const ids = (jobs: QueuedJob[]) => jobs.map((queued) => parseInt((queued.data as { eventId: string }).eventId, 16));
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A write whose answer the test gives, so it can hold writes "in flight". */
function controlledWrites() {
  const writes: { jobs: QueuedJob[]; answer: (error?: Error) => void }[] = [];
  const addAll = (jobs: QueuedJob[]) =>
    new Promise<void>((resolve, reject) => {
      writes.push({ jobs, answer: (error) => (error ? reject(error) : resolve()) });
    });
  return { writes, addAll };
}

describe("JobBatcher", () => {
  it("writes the jobs of one event-loop turn together", async () => {
    const { writes, addAll } = controlledWrites();
    const batcher = new JobBatcher(addAll);
    const done = [batcher.add([job(1)]), batcher.add([job(2), job(3)])];
    await turn();
    expect(writes.map((write) => ids(write.jobs))).toEqual([[1, 2, 3]]);
    writes[0]?.answer();
    await Promise.all(done);
  });

  it("keeps gathering while its writes are in flight, and sends the gathered batch when one is answered", async () => {
    const { writes, addAll } = controlledWrites();
    const batcher = new JobBatcher(addAll, 200, 1);
    const first = batcher.add([job(1)]);
    await turn();
    const later = [batcher.add([job(2)]), batcher.add([job(3)])];
    await turn();
    batcher.add([job(4)]).catch(() => undefined);
    await turn();
    expect(writes).toHaveLength(1);
    writes[0]?.answer();
    await first;
    await turn();
    expect(writes.map((write) => ids(write.jobs))).toEqual([[1], [2, 3, 4]]);
    writes[1]?.answer();
    await Promise.all(later);
  });

  it("sends a full batch at once, even while others are in flight", async () => {
    const { writes, addAll } = controlledWrites();
    const batcher = new JobBatcher(addAll, 3, 1);
    void batcher.add([job(1)]);
    await turn();
    void batcher.add([job(2), job(3), job(4)]);
    expect(writes.map((write) => ids(write.jobs))).toEqual([[1], [2, 3, 4]]);
  });

  it("fails every request of a batch whose write failed, and only those", async () => {
    const { writes, addAll } = controlledWrites();
    const batcher = new JobBatcher(addAll);
    const failing = [batcher.add([job(1)]), batcher.add([job(2)])];
    await turn();
    const next = batcher.add([job(3)]);
    writes[0]?.answer(new Error("redis went away"));
    for (const request of failing) await expect(request).rejects.toThrow("redis went away");
    await turn();
    writes[1]?.answer();
    await expect(next).resolves.toBeUndefined();
  });
});
