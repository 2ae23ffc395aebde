import { normalizeIssueUpdate, planStatusChange } from "./issue-changes";

const NOW = new Date("2026-05-10T12:00:00Z");
const ACTOR = { id: 7, email: "ana@example.com" };
const actor = { id: "7", email: "ana@example.com" };
const cleared = {
  resolvedInRelease: null,
  ignoreUntil: null,
  ignoreUntilCount: null,
  ignoreUntilUserCount: null,
  ignoreWindow: null,
  ignoreUserWindow: null,
};

describe("planStatusChange", () => {
  it("no status: nothing changes", () => {
    expect(planStatusChange({ assignedTo: null }, NOW, null, ACTOR)).toEqual({ changes: {}, activity: [], echo: {} });
  });

  it("statusDetails without a status is refused", () => {
    expect(() => planStatusChange({ statusDetails: { ignoreCount: 3 } }, NOW, null, ACTOR)).toThrow(/needs a status/);
  });

  it("resolve clears every condition", () => {
    expect(planStatusChange({ status: "resolved" }, NOW, "1.0", ACTOR)).toMatchObject({
      changes: { status: "resolved", statusDetails: {}, ...cleared },
      activity: [{ type: "set_resolved" }],
    });
  });

  it.each([
    [{ status: "resolved" as const, statusDetails: { inNextRelease: true } }],
    [{ status: "resolvedInNextRelease" as const }],
  ])("resolve in next release (%j) keeps the project's latest release as baseline", (body) => {
    expect(planStatusChange(body, NOW, "shop@1.2", ACTOR)).toMatchObject({
      changes: { status: "resolved", resolvedInRelease: "shop@1.2", statusDetails: { inNextRelease: true, actor } },
      activity: [{ type: "set_resolved_in_next_release", data: { version: "shop@1.2" } }],
    });
  });

  it("resolve in next release without any release behaves like a plain resolve", () => {
    expect(planStatusChange({ status: "resolvedInNextRelease" }, NOW, null, ACTOR).changes).toMatchObject({
      status: "resolved",
      resolvedInRelease: null,
      statusDetails: {},
    });
  });

  it("resolve in a named release", () => {
    expect(
      planStatusChange({ status: "resolved", statusDetails: { inRelease: "2.0" } }, NOW, "1.0", ACTOR),
    ).toMatchObject({
      changes: { resolvedInRelease: "2.0", statusDetails: { inRelease: "2.0" } },
      activity: [{ type: "set_resolved_in_release" }],
    });
  });

  it("ignore for a duration sets ignoreUntil", () => {
    const plan = planStatusChange({ status: "ignored", statusDetails: { ignoreDuration: 30 } }, NOW, null, ACTOR);
    expect(plan.changes).toMatchObject({ status: "ignored", ignoreUntil: new Date("2026-05-10T12:30:00Z") });
    expect(plan.echo).toMatchObject({
      statusDetails: { ignoreDuration: 30, ignoreUntil: "2026-05-10T12:30:00.000Z", actor },
    });
  });

  it("ignore until N more events leaves the count to the database", () => {
    const plan = planStatusChange({ status: "ignored", statusDetails: { ignoreCount: 100 } }, NOW, null, ACTOR);
    expect(plan.ignoreCount).toBe(100);
    expect(plan.changes.ignoreUntil).toBeNull();
  });

  it("ignore until N more users leaves the count to the database too", () => {
    const plan = planStatusChange({ status: "ignored", statusDetails: { ignoreUserCount: 7 } }, NOW, null, ACTOR);
    expect(plan.ignoreUserCount).toBe(7);
    expect(plan.changes.ignoreUntilUserCount).toBeNull();
  });

  it("with a window, a count is a rate stored as it is, the same for every issue", () => {
    const plan = planStatusChange(
      {
        status: "ignored",
        statusDetails: { ignoreCount: 100, ignoreWindow: 60, ignoreUserCount: 5, ignoreUserWindow: 1440 },
      },
      NOW,
      null,
      ACTOR,
    );
    expect(plan.changes).toMatchObject({
      ignoreUntilCount: 100,
      ignoreWindow: 60,
      ignoreUntilUserCount: 5,
      ignoreUserWindow: 1440,
    });
    expect(plan.ignoreCount).toBeUndefined();
    expect(plan.ignoreUserCount).toBeUndefined();
    expect(plan.echo).toMatchObject({ statusDetails: { ignoreCount: 100, ignoreWindow: 60, ignoreUserWindow: 1440 } });
  });

  it("unresolve clears details", () => {
    expect(planStatusChange({ status: "unresolved" }, NOW, null, ACTOR)).toMatchObject({
      changes: { status: "unresolved", statusDetails: {}, ...cleared },
      activity: [{ type: "set_unresolved" }],
    });
  });
});

describe("normalizeIssueUpdate", () => {
  it("reads muted as ignored", () => {
    expect(normalizeIssueUpdate({ status: "muted" })).toEqual({ status: "ignored" });
  });

  it("leaves a resolve with sentry-cli's snoozeDuration: null a plain resolve", () => {
    expect(normalizeIssueUpdate({ status: "resolved", snoozeDuration: null })).toEqual({
      status: "resolved",
      snoozeDuration: null,
    });
  });

  it("takes the top-level ignore and snooze fields as statusDetails an ignore leaves out", () => {
    expect(
      normalizeIssueUpdate({
        status: "ignored",
        statusDetails: { ignoreCount: 10 },
        ignoreCount: 99,
        snoozeDuration: 30,
        snoozeUserCount: 5,
        ignoreUserWindow: 60,
      }).statusDetails,
    ).toEqual({ ignoreCount: 10, ignoreDuration: 30, ignoreUserCount: 5, ignoreUserWindow: 60 });
  });

  it("ignores the top-level ignore fields when the status is not an ignore", () => {
    expect(normalizeIssueUpdate({ status: "resolved", ignoreDuration: 30 }).statusDetails).toBeUndefined();
  });

  it("reads inUpcomingRelease as the next release", () => {
    expect(
      normalizeIssueUpdate({ status: "resolved", statusDetails: { inUpcomingRelease: true } }).statusDetails,
    ).toEqual({
      inNextRelease: true,
    });
  });

  it("refuses discard, as Sentry does without that feature", () => {
    expect(() => normalizeIssueUpdate({ discard: true })).toThrow(/discard/);
    expect(normalizeIssueUpdate({ discard: false })).toEqual({ discard: false });
  });
});

describe("planStatusChange with Sentry's other forms", () => {
  it("resolves in the latest release for inRelease: latest", () => {
    expect(
      planStatusChange({ status: "resolved", statusDetails: { inRelease: "latest" } }, NOW, "shop@3", ACTOR),
    ).toMatchObject({
      changes: { resolvedInRelease: "shop@3", statusDetails: { inRelease: "shop@3" } },
      activity: [{ type: "set_resolved_in_release", data: { version: "shop@3" } }],
    });
    expect(() =>
      planStatusChange({ status: "resolved", statusDetails: { inRelease: "latest" } }, NOW, null, ACTOR),
    ).toThrow(/no release/);
  });

  it("ignores until the instant given as ignoreUntil", () => {
    const plan = planStatusChange(
      { status: "ignored", statusDetails: { ignoreUntil: "2026-05-11T00:00:00Z" } },
      NOW,
      null,
      ACTOR,
    );
    expect(plan.changes.ignoreUntil).toEqual(new Date("2026-05-11T00:00:00Z"));
    expect(plan.echo).toMatchObject({ statusDetails: { ignoreUntil: "2026-05-11T00:00:00.000Z" } });
  });
});
