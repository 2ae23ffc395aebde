import { nextIssueState, userFieldsOf, userKeyOf, type IssueStateBefore } from "./issue-state";

const now = new Date("2026-11-22T12:00:00Z");
const order = ["1.0", "1.1", "2.0"];
const isNewer = (candidate: string, baseline: string) => order.indexOf(candidate) > order.indexOf(baseline);
const base: IssueStateBefore = {
  status: "unresolved",
  resolvedInRelease: null,
  ignoreUntil: null,
  ignoreUntilCount: null,
  ignoreWindow: null,
  timesSeen: 5,
  eventsInWindow: 0,
};

describe("nextIssueState", () => {
  it("leaves unresolved issues alone", () => {
    expect(nextIssueState(base, [null], 1, now, isNewer)).toEqual({
      status: "unresolved",
      regressed: false,
      clearDetails: false,
    });
  });

  it("reopens a resolved issue as a regression", () => {
    expect(nextIssueState({ ...base, status: "resolved" }, [null], 1, now, isNewer)).toEqual({
      status: "unresolved",
      regressed: true,
      clearDetails: true,
    });
  });

  it("keeps an issue resolved in the next release closed for events of that release or older", () => {
    const resolved = { ...base, status: "resolved" as const, resolvedInRelease: "1.1" };
    expect(nextIssueState(resolved, ["1.1", "1.0", null], 3, now, isNewer).status).toBe("resolved");
    expect(nextIssueState(resolved, ["1.0", "2.0"], 2, now, isNewer)).toMatchObject({
      status: "unresolved",
      regressed: true,
    });
  });

  it("treats a release never seen before as newer", () => {
    const resolved = { ...base, status: "resolved" as const, resolvedInRelease: "1.1" };
    expect(
      nextIssueState(resolved, ["3.0-beta"], 1, now, (c, b) => order.indexOf(c) === -1 || isNewer(c, b)).status,
    ).toBe("unresolved");
  });

  it("keeps ignored issues ignored until their time or count is up", () => {
    const ignored = { ...base, status: "ignored" as const };
    expect(nextIssueState(ignored, [null], 1, now, isNewer).status).toBe("ignored");
    expect(
      nextIssueState({ ...ignored, ignoreUntil: new Date("2026-11-23T00:00:00Z") }, [null], 1, now, isNewer).status,
    ).toBe("ignored");
    expect(
      nextIssueState({ ...ignored, ignoreUntil: new Date("2026-11-22T11:00:00Z") }, [null], 1, now, isNewer),
    ).toEqual({
      status: "unresolved",
      regressed: false,
      clearDetails: true,
    });
    expect(nextIssueState({ ...ignored, ignoreUntilCount: 10 }, [null, null], 2, now, isNewer).status).toBe("ignored");
    expect(nextIssueState({ ...ignored, ignoreUntilCount: 10 }, new Array(5).fill(null), 5, now, isNewer).status).toBe(
      "unresolved",
    );
  });

  it("with an ignore window, counts the events within it, not the issue's total", () => {
    // 10 per hour: a thousand events seen in all do not matter, the 3 of the last hour do.
    const perHour = { ...base, status: "ignored" as const, ignoreUntilCount: 10, ignoreWindow: 60, timesSeen: 1000 };
    expect(nextIssueState({ ...perHour, eventsInWindow: 3 }, [null, null], 2, now, isNewer).status).toBe("ignored");
    expect(nextIssueState({ ...perHour, eventsInWindow: 8 }, [null, null], 2, now, isNewer)).toEqual({
      status: "unresolved",
      regressed: false,
      clearDetails: true,
    });
  });
});

describe("userKeyOf", () => {
  it("prefers id, then email, then IP", () => {
    expect(userKeyOf({ id: "u-42", email: "a@example.com" })).toBe("id:u-42");
    expect(userKeyOf({ id: 7 })).toBe("id:7");
    expect(userKeyOf({ email: "a@example.com", ip_address: "203.0.113.7" })).toBe("email:a@example.com");
    expect(userKeyOf({ ip_address: "203.0.113.7" })).toBe("ip:203.0.113.7");
    expect(userKeyOf({})).toBeNull();
    expect(userKeyOf(undefined)).toBeNull();
  });
});

describe("userFieldsOf", () => {
  it("keeps email, username, IP and name beside the key, and drops empty ones", () => {
    expect(
      userFieldsOf({ id: "42", email: "alice@example.com", username: "alice", ip_address: "", name: "Alice" }),
    ).toEqual({ email: "alice@example.com", username: "alice", ipAddress: null, name: "Alice" });
    expect(userFieldsOf({ id: 7, ip_address: "203.0.113.7" })).toEqual({
      email: null,
      username: null,
      ipAddress: "203.0.113.7",
      name: null,
    });
    expect(userFieldsOf(undefined)).toBeNull();
  });
});
