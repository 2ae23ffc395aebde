/** Shapes of `/api/0/internal/system/...` (superusers only). */
export interface SystemIngest {
  period: string;
  category: string;
  bucketSeconds: number;
  intervals: string[];
  accepted: number[];
  refused: { outcome: string; reason: string; total: number; series: number[] }[];
  totals: { accepted: number; refused: number };
}

export interface SystemQueue {
  name: string;
  waiting: number;
  active: number;
  /** Retries waiting for their backoff; the maintenance schedule is in `scheduled`. */
  delayed: number;
  /** Next runs of the repeatable maintenance jobs. */
  scheduled?: number;
  failed: number;
  oldestWaitingAgeSeconds: number;
}

export interface SystemFailedJob {
  queue: "ingest" | "alerts";
  id: string;
  name: string;
  projectId: number | null;
  attempts: number;
  failedAt: string | null;
  reason: string;
}

export interface SystemNotificationFailure {
  id: string;
  organization: string | null;
  project: string | null;
  ruleId: number | null;
  kind: string;
  channel: string;
  target: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  failedAt: string;
  /** When a later message to the same target went out (null while it still fails). */
  recoveredAt?: string | null;
}

export interface SystemStorage {
  databaseBytes: number;
  eventTables: { table: string; bytes: number }[];
  eventBytes: number;
  storedEvents: number;
  budgetBytes: number | null;
  defaultRetentionDays: number;
  rateWindowDays: number;
  forecast: {
    status: "no_data" | "no_budget" | "within_budget" | "will_exceed" | "exceeded";
    bytesPerEvent: number | null;
    growthBytesPerDay: number;
    steadyStateBytes: number | null;
    steadyStateAt: string | null;
    budgetReachedAt: string | null;
  };
}
