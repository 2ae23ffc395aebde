/** Sentry's monitor shape (`/organizations/{org}/monitors/`). */
export interface Monitor {
  id: string;
  slug: string;
  name: string;
  status: "active" | "disabled";
  isMuted: boolean;
  config: {
    schedule_type: "crontab" | "interval";
    schedule: string | [number, string];
    checkin_margin: number;
    max_runtime: number;
    timezone: string;
    failure_issue_threshold: number;
    recovery_threshold: number;
  };
  dateCreated: string;
  project: { id: string; slug: string; name: string };
  environments: MonitorEnvironment[];
}

export interface MonitorEnvironment {
  name: string;
  /** active (no check-in yet), ok, error, missed_checkin, timeout. */
  status: string;
  isMuted: boolean;
  lastCheckIn: string | null;
  nextCheckIn: string | null;
  nextCheckInLatest: string | null;
}

/** Sentry's check-in shape; `duration` in milliseconds. */
export interface CheckIn {
  id: string;
  environment: string | null;
  status: "in_progress" | "ok" | "error" | "missed" | "timeout";
  duration: number | null;
  dateCreated: string;
  expectedTime: string | null;
}
