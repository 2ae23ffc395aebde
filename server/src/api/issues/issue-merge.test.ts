import { orderForMerge } from "./issue-merge";

const issue = (id: number, firstSeen: string, timesSeen: number) => ({
  id: BigInt(id),
  first_seen: new Date(firstSeen),
  times_seen: timesSeen,
});

describe("orderForMerge (Sentry's choice of the issue kept)", () => {
  it("keeps the issue seen first, even with fewer events", () => {
    const rows = [issue(1, "2026-01-02T00:00:00Z", 90), issue(2, "2026-01-01T00:00:00Z", 3)];
    expect(orderForMerge(rows).map((row) => row.id)).toEqual([2n, 1n]);
  });

  it("on the same first seen, keeps the one with the most events", () => {
    const rows = [issue(1, "2026-01-01T00:00:00Z", 3), issue(2, "2026-01-01T00:00:00Z", 9)];
    expect(orderForMerge(rows).map((row) => row.id)).toEqual([2n, 1n]);
  });

  it("on a full tie, keeps the lowest id", () => {
    const rows = [issue(7, "2026-01-01T00:00:00Z", 3), issue(5, "2026-01-01T00:00:00Z", 3)];
    expect(orderForMerge(rows).map((row) => row.id)).toEqual([5n, 7n]);
  });
});
