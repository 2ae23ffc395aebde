import type { QueuedJob } from "@faultline/core";

type AddAll = (jobs: QueuedJob[]) => Promise<unknown>;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the jobs of requests that arrive together and adds them with one write (one round
 * trip). A batch goes out at the end of the event-loop turn, unless `maxInFlight` writes are
 * still on their way: then jobs keep gathering until one is answered, so under load batches
 * grow (fewer, larger queue writes) and when idle a lone request waits no longer than a turn.
 * Every request still waits until its own jobs are in Redis before answering; a failed batch
 * fails every request in it (they all answer 503).
 */
export class JobBatcher {
  private jobs: QueuedJob[] = [];
  private waiters: Waiter[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(
    private readonly addAll: AddAll,
    private readonly maxBatch = 200,
    private readonly maxInFlight = 2,
  ) {}

  add(jobs: QueuedJob[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.jobs.push(...jobs);
      this.waiters.push({ resolve, reject });
      if (this.jobs.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          if (this.inFlight < this.maxInFlight) this.flush();
        });
      }
    });
  }

  private flush(): void {
    if (this.waiters.length === 0) return;
    const jobs = this.jobs;
    const waiters = this.waiters;
    this.jobs = [];
    this.waiters = [];
    this.inFlight++;
    this.addAll(jobs)
      .then(
        () => waiters.forEach((waiter) => waiter.resolve()),
        (error: unknown) => waiters.forEach((waiter) => waiter.reject(error)),
      )
      .finally(() => {
        this.inFlight--;
        if (!this.scheduled && this.inFlight < this.maxInFlight) this.flush();
      });
  }
}
