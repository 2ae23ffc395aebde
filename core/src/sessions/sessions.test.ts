import { aggregateSessions, sessionUsers } from "./aggregate-sessions";
import { parseSessionAggregates, parseSessionUpdate } from "./parse-session";

const now = Date.parse("2024-05-31T16:30:00Z");

describe("parseSessionUpdate", () => {
  it("reads the fields release health needs", () => {
    const parsed = parseSessionUpdate(
      {
        sid: "7c7b6585f9014351bf8d02711b721929",
        init: true,
        started: "2024-05-31T16:08:37Z",
        status: "ok",
        errors: 0,
        attrs: { release: "shop@1.4.2", environment: "production" },
      },
      now,
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        sid: "7c7b6585f9014351bf8d02711b721929",
        init: true,
        started: Date.parse("2024-05-31T16:08:37Z"),
        status: "ok",
        errors: 0,
        release: "shop@1.4.2",
        environment: "production",
      },
    });
  });

  it.each([
    ["no release", { started: "2024-05-31T16:08:37Z", attrs: {} }, "invalid_session"],
    [
      "an unknown status",
      { started: "2024-05-31T16:08:37Z", status: "weird", attrs: { release: "a" } },
      "invalid_session",
    ],
    ["a start in the future", { started: "2024-06-30T16:08:37Z", attrs: { release: "a" } }, "session_timestamp"],
    ["a start too long ago", { started: "2024-05-01T16:08:37Z", attrs: { release: "a" } }, "session_timestamp"],
  ])("refuses %s", (_label, payload, reason) => {
    expect(parseSessionUpdate(payload, now)).toEqual({ ok: false, reason });
  });
});

describe("aggregateSessions", () => {
  const update = (over: Record<string, unknown>) => ({
    init: false,
    started: Date.parse("2024-05-31T16:08:37Z"),
    status: "ok" as const,
    errors: 0,
    release: "r1",
    environment: "prod",
    ...over,
  });

  it("counts totals, errored once per session, crashed and abnormal per hour bucket", () => {
    const seen = new Set<string>();
    const firstError = (sid: string | undefined) => (sid === undefined ? true : !seen.has(sid) && !!seen.add(sid));
    const buckets = aggregateSessions(
      {
        projectId: 1,
        receivedAt: now,
        updates: [
          update({ sid: "a", init: true }),
          update({ sid: "a", errors: 1 }),
          update({ sid: "a", errors: 2 }),
          update({ sid: "a", status: "crashed", errors: 3 }),
          update({ sid: "b", init: true }),
          update({ sid: "b", status: "exited" }),
          update({ sid: "c", init: true, status: "abnormal" }),
        ],
        aggregates: parseSessionAggregates(
          {
            aggregates: [{ started: "2024-05-31T16:08:00Z", exited: 5, errored: 2, crashed: 1 }],
            attrs: { release: "r1", environment: "prod" },
          },
          now,
        ).ok
          ? [
              {
                started: Date.parse("2024-05-31T16:08:00Z"),
                release: "r1",
                environment: "prod",
                exited: 5,
                errored: 2,
                crashed: 1,
                abnormal: 0,
              },
            ]
          : [],
      },
      firstError,
    );
    expect(buckets).toEqual([
      {
        bucket: Date.parse("2024-05-31T16:00:00Z"),
        release: "r1",
        environment: "prod",
        total: 3 + 8,
        errored: 2 + 3,
        crashed: 1 + 1,
        abnormal: 1,
      },
    ]);
  });
});

describe("sessionUsers", () => {
  const update = (did: string | undefined, status: "ok" | "crashed" | "exited", environment = "production") => ({
    ...(did === undefined ? {} : { did }),
    sid: `s-${did ?? "none"}-${status}`,
    init: true,
    started: 1_700_000_000_000,
    status,
    errors: 0,
    release: "app@1.0",
    environment,
  });

  it("counts each user once per release and environment, crashed if any session of theirs crashed", () => {
    const users = sessionUsers({
      projectId: 1,
      receivedAt: 0,
      updates: [
        update("u1", "ok"),
        update("u1", "crashed"),
        update("u2", "exited"),
        update("u2", "ok", "staging"),
        update(undefined, "crashed"),
      ],
      aggregates: [],
    });
    expect(users).toEqual([
      { release: "app@1.0", environment: "production", did: "u1", crashed: true },
      { release: "app@1.0", environment: "production", did: "u2", crashed: false },
      { release: "app@1.0", environment: "staging", did: "u2", crashed: false },
    ]);
  });
});
