import { secondsUntilWindowEnds, windowStart } from "./fixed-window";
import { formatRateLimitHeader, parseRateLimitHeader } from "./rate-limit-header";
import { isSpiking } from "./spike";

describe("X-Sentry-Rate-Limits", () => {
  it("is written in Relay's format and reads back with the SDKs' parser", () => {
    const header = formatRateLimitHeader({ retryAfter: 42, scope: "key", reasonCode: "key_quota" });
    expect(header).toBe("42:error;default;security;transaction:key:key_quota");
    expect(parseRateLimitHeader(header)).toEqual([
      {
        retryAfter: 42,
        categories: ["error", "default", "security", "transaction"],
        scope: "key",
        reasonCode: "key_quota",
      },
    ]);
  });

  it("parses several limits and the all-categories form", () => {
    expect(parseRateLimitHeader("60:transaction:key, 2700::organization")).toEqual([
      { retryAfter: 60, categories: ["transaction"], scope: "key" },
      { retryAfter: 2700, categories: [], scope: "organization" },
    ]);
  });
});

describe("fixed windows", () => {
  it("aligns to the epoch and counts the seconds left, rounded up", () => {
    expect(windowStart(125_500, 60)).toBe(120_000);
    expect(secondsUntilWindowEnds(125_500, 60)).toBe(55);
    expect(secondsUntilWindowEnds(179_999, 60)).toBe(1);
  });
});

describe("isSpiking", () => {
  const settings = { minPerMinute: 100, factor: 10, sampleRate: 0.1 };
  it.each([
    [50, 0, false],
    [101, 0, true],
    [101, 60 * 20, false],
    [201, 60 * 20, true],
  ])("%d this minute after %d last hour → %s", (minute, hour, expected) => {
    expect(isSpiking(minute, hour, settings)).toBe(expected);
  });
});
