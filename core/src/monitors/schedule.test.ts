import { nextExpectedRun, normalizeCrontab } from "./schedule";
import { parseApiMonitorConfig, parseCheckInMonitorConfig } from "./monitor-config";
import { stepStreak } from "./thresholds";

describe("nextExpectedRun", () => {
  it("takes the next crontab tick in the monitor's timezone", () => {
    const at = new Date("2026-03-10T01:30:20Z");
    expect(nextExpectedRun({ type: "crontab", crontab: "0 3 * * *" }, "UTC", at).toISOString()).toBe(
      "2026-03-10T03:00:00.000Z",
    );
    // 03:00 in Vienna is 02:00 UTC in March (CET).
    expect(nextExpectedRun({ type: "crontab", crontab: "0 3 * * *" }, "Europe/Vienna", at).toISOString()).toBe(
      "2026-03-10T02:00:00.000Z",
    );
  });

  it("adds the interval to the reference truncated to the minute", () => {
    const at = new Date("2026-01-31T10:15:42Z");
    expect(nextExpectedRun({ type: "interval", count: 2, unit: "hour" }, "UTC", at).toISOString()).toBe(
      "2026-01-31T12:15:00.000Z",
    );
    expect(nextExpectedRun({ type: "interval", count: 1, unit: "week" }, "UTC", at).toISOString()).toBe(
      "2026-02-07T10:15:00.000Z",
    );
  });
});

describe("normalizeCrontab", () => {
  it("accepts five fields and Sentry's nicknames, refuses the rest", () => {
    expect(normalizeCrontab("  */5  * * * * ")).toBe("*/5 * * * *");
    expect(normalizeCrontab("@daily")).toBe("0 0 * * *");
    expect(normalizeCrontab("0 */5 * * * *")).toBeNull();
    expect(normalizeCrontab("61 * * * *")).toBeNull();
    expect(normalizeCrontab("nonsense")).toBeNull();
  });
});

describe("monitor configs", () => {
  it("reads a check-in's monitor_config", () => {
    const parsed = parseCheckInMonitorConfig({
      schedule: { type: "interval", value: 10, unit: "minute" },
      checkin_margin: 5,
      timezone: "Europe/Vienna",
    });
    expect(parsed).toEqual({
      ok: true,
      settings: {
        schedule: { type: "interval", count: 10, unit: "minute" },
        timezone: "Europe/Vienna",
        checkinMargin: 5,
        maxRuntime: null,
        failureIssueThreshold: null,
        recoveryThreshold: null,
      },
    });
  });

  it("names what is wrong", () => {
    expect(parseCheckInMonitorConfig({ schedule: { type: "crontab", value: "0 0 0" } })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("crontab") as string,
    });
    expect(parseApiMonitorConfig({ schedule: "0 * * * *", timezone: "Mars/Base" })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("timezone") as string,
    });
    expect(parseApiMonitorConfig({ schedule_type: "interval", schedule: "0 * * * *" })).toMatchObject({ ok: false });
    expect(parseApiMonitorConfig({ schedule: [1, "day"] })).toMatchObject({ ok: true });
  });
});

describe("stepStreak", () => {
  const start = { failureCount: 0, okCount: 0, issueOpen: false };
  const thresholds = { failureIssueThreshold: 2, recoveryThreshold: 2, isMuted: false };

  it("opens after the failure threshold and resolves after the recovery threshold", () => {
    const first = stepStreak(start, "missed", thresholds);
    expect(first.reportFailure).toBe(false);
    const second = stepStreak(first.next, "error", thresholds);
    expect(second).toMatchObject({ reportFailure: true, next: { issueOpen: true } });
    const ok = stepStreak(second.next, "ok", thresholds);
    expect(ok.resolve).toBe(false);
    const recovered = stepStreak(ok.next, "ok", thresholds);
    expect(recovered).toMatchObject({ resolve: true, next: { issueOpen: false, failureCount: 0 } });
  });

  it("an OK check-in breaks a failure streak; a muted monitor never reports", () => {
    const failed = stepStreak(start, "timeout", thresholds);
    const broken = stepStreak(stepStreak(failed.next, "ok", thresholds).next, "missed", thresholds);
    expect(broken.reportFailure).toBe(false);
    const muted = { ...thresholds, failureIssueThreshold: 1, isMuted: true };
    expect(stepStreak(start, "error", muted)).toMatchObject({ reportFailure: false, next: { issueOpen: false } });
  });
});
