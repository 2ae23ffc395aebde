import { parseClientReport } from "./client-report";

describe("parseClientReport", () => {
  it("turns discarded events into client_discarded outcomes", () => {
    expect(
      parseClientReport(3, {
        timestamp: 1717171717,
        discarded_events: [
          { reason: "ratelimit_backoff", category: "error", quantity: 3 },
          { reason: "sample_rate", category: "span", quantity: 0 },
        ],
      }),
    ).toEqual([
      { projectId: 3, outcome: "client_discarded", category: "error", reason: "ratelimit_backoff", quantity: 3 },
    ]);
  });

  it("maps the outcome-style keys of forwarded reports", () => {
    const increments = parseClientReport(1, {
      rate_limited_events: [{ reason: "key_quota", category: "transaction", quantity: 2 }],
      filtered_events: [{ reason: "browser-extensions", category: "error", quantity: 1 }],
    });
    expect(increments?.map((i) => `${i.outcome}/${i.category}/${i.reason}`)).toEqual([
      "rate_limited/transaction/key_quota",
      "filtered/error/browser-extensions",
    ]);
  });

  it("refuses payloads that are not client reports", () => {
    expect(parseClientReport(1, { discarded_events: "lots" })).toBeNull();
    expect(parseClientReport(1, [])).toBeNull();
  });
});
