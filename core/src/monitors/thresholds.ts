import { MONITOR_DEFAULTS } from "./monitor-config";

/** Terminal check-in statuses: what a run ended as. `in_progress` is not one. */
export type CheckInOutcome = "ok" | "error" | "missed" | "timeout";

export interface StreakState {
  failureCount: number;
  okCount: number;
  /** An issue is open for this monitor environment. */
  issueOpen: boolean;
}

export interface StreakThresholds {
  failureIssueThreshold: number | null;
  recoveryThreshold: number | null;
  isMuted: boolean;
}

export interface StreakStep {
  next: StreakState;
  /** Report the failure as an event on the monitor's issue (opening it on the first). */
  reportFailure: boolean;
  /** The issue recovered: resolve it. */
  resolve: boolean;
}

/**
 * Sentry's thresholds: `failure_issue_threshold` failures in a row open the monitor's issue (each
 * further failure is another event on it); `recovery_threshold` OK check-ins in a row resolve it.
 * A muted monitor counts but never reports.
 */
export function stepStreak(state: StreakState, status: CheckInOutcome, thresholds: StreakThresholds): StreakStep {
  if (status === "ok") {
    const okCount = state.okCount + 1;
    const recovered =
      state.issueOpen && okCount >= (thresholds.recoveryThreshold ?? MONITOR_DEFAULTS.recoveryThreshold);
    return {
      next: { failureCount: 0, okCount, issueOpen: state.issueOpen && !recovered },
      reportFailure: false,
      resolve: recovered,
    };
  }
  const failureCount = state.failureCount + 1;
  const reached = failureCount >= (thresholds.failureIssueThreshold ?? MONITOR_DEFAULTS.failureIssueThreshold);
  const report = !thresholds.isMuted && (state.issueOpen || reached);
  return {
    next: { failureCount, okCount: 0, issueOpen: state.issueOpen || report },
    reportFailure: report,
    resolve: false,
  };
}

/** What the monitor's issue says for each kind of failure (Sentry's wording). */
export const FAILURE_REASONS: Record<Exclude<CheckInOutcome, "ok">, string> = {
  error: "An error occurred during the latest check-in.",
  missed: "Your monitor has missed a check-in.",
  timeout: "Your monitor has reached its maximum runtime.",
};

/** The monitor issue's title, as Sentry shows it. */
export function monitorIssueTitle(monitorName: string): string {
  return `Cron failure: ${monitorName}`;
}
