import { UnrecoverableError } from "bullmq";
import { startProcessingBudget } from "./processing-budget";

describe("startProcessingBudget", () => {
  it("passes while the budget lasts and fails for good, naming the step, once it is spent", () => {
    let clock = 1000;
    const budget = startProcessingBudget(50, () => clock);
    clock += 50;
    expect(() => budget.check("normalize")).not.toThrow();
    clock += 1;
    expect(() => budget.check("scrub and group")).toThrow(UnrecoverableError);
    expect(() => budget.check("scrub and group")).toThrow(
      "processing_timeout: over the 50 ms processing budget (scrub and group)",
    );
  });

  it("gives an asynchronous step's result when it finishes in time", async () => {
    const budget = startProcessingBudget(10_000);
    await expect(budget.race("symbolicate", Promise.resolve("frames"))).resolves.toBe("frames");
  });

  it("fails an asynchronous step that outlasts the budget, without waiting for it", async () => {
    const budget = startProcessingBudget(20);
    const never = new Promise<string>(() => undefined);
    await expect(budget.race("symbolicate", never)).rejects.toThrow(/^processing_timeout: .*\(symbolicate\)$/);
  });

  it("passes an asynchronous step's own failure through", async () => {
    const budget = startProcessingBudget(10_000);
    await expect(budget.race("symbolicate", Promise.reject(new Error("disk")))).rejects.toThrow("disk");
  });

  it("does not start an asynchronous step's wait when the budget is already spent", async () => {
    let clock = 0;
    const budget = startProcessingBudget(5, () => clock);
    clock = 10;
    await expect(budget.race("symbolicate", Promise.resolve(1))).rejects.toThrow(/processing_timeout/);
  });
});
