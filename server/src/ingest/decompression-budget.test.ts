import { IngestError } from "./ingest-error";
import { DecompressionBudget } from "./decompression-budget";

function refusalOf(action: () => void): IngestError | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
}

describe("DecompressionBudget", () => {
  it("counts what every open charge holds and gives it back on release", () => {
    const budget = new DecompressionBudget(1000);
    const a = budget.open();
    const b = budget.open();
    a.take(300);
    b.take(200);
    a.take(100);
    expect(budget.bytesInFlight).toBe(600);
    a.release();
    a.release();
    expect(budget.bytesInFlight).toBe(200);
    b.release();
    expect(budget.bytesInFlight).toBe(0);
  });

  it("refuses the charge holding the most (503, Retry-After) to make room for a smaller one", () => {
    const budget = new DecompressionBudget(1000);
    const refusals: IngestError[] = [];
    const bomb = budget.open((error) => refusals.push(error));
    const small = budget.open(() => refusals.push(new IngestError(500, "the small one was refused")));
    bomb.take(900);
    small.take(50);
    small.take(100);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ status: 503, headers: { "Retry-After": "2" } });
    expect(refusals[0]?.detail).toMatch(/server busy/);
    expect(budget.bytesInFlight).toBe(150);
    // A refused charge stays refused: its next chunk throws the same answer.
    expect(refusalOf(() => bomb.take(1))).toMatchObject({ status: 503 });
    expect(budget.bytesInFlight).toBe(150);
  });

  it("refuses the asking charge itself when it holds the most", () => {
    const budget = new DecompressionBudget(1000);
    const notified: IngestError[] = [];
    const small = budget.open((error) => notified.push(error));
    const growing = budget.open((error) => notified.push(error));
    small.take(100);
    growing.take(500);
    expect(refusalOf(() => growing.take(450))).toMatchObject({ status: 503 });
    expect(notified).toEqual([]);
    expect(budget.bytesInFlight).toBe(100);
  });

  it("answers 413 to a request that alone needs more than the whole budget", () => {
    const budget = new DecompressionBudget(1000);
    const alone = budget.open();
    alone.take(1000);
    const error = refusalOf(() => alone.take(1));
    expect(error).toMatchObject({ status: 413 });
    expect(error?.detail).toMatch(/1000 byte decompression budget/);
    expect(budget.bytesInFlight).toBe(0);
  });

  it("refuses as many of the largest as needed, never more", () => {
    const budget = new DecompressionBudget(1000);
    const refused: string[] = [];
    const charges = ["a", "b", "c"].map((name) => ({ name, charge: budget.open(() => refused.push(name)) }));
    charges[0]?.charge.take(300);
    charges[1]?.charge.take(400);
    charges[2]?.charge.take(250);
    const newcomer = budget.open();
    newcomer.take(200);
    expect(refused).toEqual(["b"]);
    expect(budget.bytesInFlight).toBe(750);
  });
});
