import type { Database } from "@faultline/db";
import type { Logger, NotifyRetry } from "@faultline/runtime";
import type { Redis } from "ioredis";
import type { KeyChangeNotifier } from "../ingest/key-changes";

export interface ApiSettings {
  /** PUBLIC_URL without a trailing slash: DSNs, permalinks, Link headers, the CSRF origin. */
  publicUrl: string;
  sessionTtlHours: number;
  maxBodyBytes: number;
  /** Failed logins allowed per address and per email in `loginWindowSeconds`. */
  loginMaxAttempts: number;
  loginWindowSeconds: number;
  /** EVENT_STORAGE_BUDGET_MB in bytes (null: no budget), for the System page's storage forecast. */
  storageBudgetBytes: number | null;
  /** EVENT_RETENTION_DAYS: the retention of projects without their own. */
  defaultRetentionDays: number;
  /** How deliveries queued here (test sends, manual retries) retry; the worker's policy. */
  notifyRetry?: NotifyRetry;
}

export interface ApiDeps {
  db: Database;
  redis: Redis;
  log: Logger;
  settings: ApiSettings;
  /** Told after a project key or project changes, so every server's key cache drops it. */
  keyChanges?: KeyChangeNotifier;
}

export const DEFAULT_API_SETTINGS: Omit<ApiSettings, "publicUrl"> = {
  sessionTtlHours: 24 * 14,
  maxBodyBytes: 1024 * 1024,
  loginMaxAttempts: 10,
  loginWindowSeconds: 900,
  storageBudgetBytes: null,
  defaultRetentionDays: 90,
};
