import { withDeadline } from "@faultline/runtime";
import { UnrecoverableError } from "bullmq";

/** The reason an event over its processing time is failed with (and listed under in failed-jobs). */
export const PROCESSING_TIMEOUT = "processing_timeout";

/**
 * One event's processing time (EVENT_PROCESSING_BUDGET_MS). The pure steps are synchronous, so
 * the budget is checked between them; an asynchronous step (symbolication) is raced against what
 * is left of it. An event over budget fails alone, for good: it would take as long again on a
 * retry, and holding a job slot that long delays every other event.
 */
export interface ProcessingBudget {
  /** Throws when the budget is spent, naming the step that was last to finish. */
  check(step: string): void;
  /** `work`'s result, or a failure when the budget runs out first (the work is left to finish). */
  race<T>(step: string, work: Promise<T>): Promise<T>;
}

export function startProcessingBudget(budgetMs: number, now: () => number = Date.now): ProcessingBudget {
  const deadline = now() + budgetMs;
  const overBudget = (step: string) =>
    new UnrecoverableError(`${PROCESSING_TIMEOUT}: over the ${budgetMs} ms processing budget (${step})`);
  return {
    check(step) {
      if (now() > deadline) throw overBudget(step);
    },
    async race(step, work) {
      const left = deadline - now();
      if (left <= 0) throw overBudget(step);
      // A late failure of the abandoned work has nobody to report to.
      work.catch(() => undefined);
      return withDeadline(work, left, () => {
        throw overBudget(step);
      });
    },
  };
}
