import type { QueuedJob } from "@faultline/core";

type AddBulk = (jobs: QueuedJob[]) => Promise<unknown>;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the jobs of requests that arrive together and adds them with one `addBulk` (one
 * MULTI, one round trip) per event-loop turn. Every request still waits until its own jobs are
 * in Redis before answering; a failed batch fails every request in it (they all answer 503).
 */
export class JobBatcher {
  private jobs: QueuedJob[] = [];
  private waiters: Waiter[] = [];
  private scheduled = false;

  constructor(
    private readonly addBulk: AddBulk,
    private readonly maxBatch = 200,
  ) {}

  add(jobs: QueuedJob[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.jobs.push(...jobs);
      this.waiters.push({ resolve, reject });
      if (this.jobs.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    if (this.waiters.length === 0) return;
    const jobs = this.jobs;
    const waiters = this.waiters;
    this.jobs = [];
    this.waiters = [];
    this.addBulk(jobs).then(
      () => waiters.forEach((waiter) => waiter.resolve()),
      (error: unknown) => waiters.forEach((waiter) => waiter.reject(error)),
    );
  }
}
