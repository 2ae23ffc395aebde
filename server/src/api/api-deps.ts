import { tmpdir } from "node:os";
import path from "node:path";
import type { Database } from "@faultline/db";
import type { Logger, NotifyRetry } from "@faultline/runtime";
import type { Redis } from "ioredis";
import type { OidcSettings } from "../auth/oidc/oidc-settings";
import type { KeyChangeNotifier } from "../ingest/key-changes";

export interface ApiSettings {
  /** Single sign-on (OIDC_*); absent: password sign-in only. */
  oidc?: OidcSettings;
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
  /** Where uploaded artifacts (source-map bundles, release files) are kept (ARTIFACTS_DIR). */
  artifactsDir: string;
  /** Largest artifact bundle or release file accepted (ARTIFACTS_MAX_BYTES). */
  artifactMaxBytes: number;
  /**
   * SMTP_URL is set, so the worker can send account emails. Without it an invitation's link is
   * answered to the admin who made it, to pass on by hand.
   */
  emailConfigured?: boolean;
  /** INVITE_EXPIRY_DAYS: how long an invitation link stays good (7 unless set). */
  inviteExpiryDays?: number;
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
  artifactsDir: path.join(tmpdir(), "faultline-artifacts"),
  artifactMaxBytes: 100 * 1024 * 1024,
};
