import type { OutcomeStatsRow } from "@faultline/db";
import { groupOutcomes } from "./outcome-groups";

const HOUR = 3_600_000;
const row = (over: Partial<OutcomeStatsRow>): OutcomeStatsRow => ({
  projectId: 1,
  bucket: 0,
  outcome: "accepted",
  category: "error",
  reason: "",
  quantity: 1,
  ...over,
});

describe("groupOutcomes", () => {
  it("sums everything into one group without groupBy", () => {
    const groups = groupOutcomes([row({ quantity: 2 }), row({ outcome: "invalid", bucket: HOUR })], [], 0, HOUR, 2);
    expect(groups).toEqual([{ by: {}, totals: { "sum(quantity)": 3 }, series: { "sum(quantity)": [2, 1] } }]);
  });

  it("keeps one empty group without groupBy or rows", () => {
    expect(groupOutcomes([], [], 0, HOUR, 1)).toEqual([
      { by: {}, totals: { "sum(quantity)": 0 }, series: { "sum(quantity)": [0] } },
    ]);
  });

  it("groups by outcome and reason, renames client_discarded, largest first", () => {
    const groups = groupOutcomes(
      [
        row({ quantity: 1 }),
        row({ outcome: "rate_limited", reason: "key_quota", quantity: 5 }),
        row({ outcome: "rate_limited", reason: "quota_exceeded", quantity: 2 }),
        row({ outcome: "client_discarded", reason: "sample_rate", quantity: 3 }),
      ],
      ["outcome", "reason"],
      0,
      HOUR,
      1,
    );
    expect(groups.map((group) => [group.by, group.totals["sum(quantity)"]])).toEqual([
      [{ outcome: "rate_limited", reason: "key_quota" }, 5],
      [{ outcome: "client_discard", reason: "sample_rate" }, 3],
      [{ outcome: "rate_limited", reason: "quota_exceeded" }, 2],
      [{ outcome: "accepted", reason: "" }, 1],
    ]);
  });

  it("groups by project and category and drops rows outside the buckets", () => {
    const groups = groupOutcomes(
      [row({ projectId: 2, category: "transaction" }), row({ bucket: -HOUR }), row({ bucket: 3 * HOUR })],
      ["project", "category"],
      0,
      HOUR,
      3,
    );
    expect(groups).toEqual([
      {
        by: { project: 2, category: "transaction" },
        totals: { "sum(quantity)": 1 },
        series: { "sum(quantity)": [1, 0, 0] },
      },
    ]);
  });
});
