import type { Database } from "@faultline/db";
import type { Logger } from "@faultline/runtime";
import type { Redis } from "ioredis";

export interface ApiSettings {
  /** PUBLIC_URL without a trailing slash: DSNs, permalinks, Link headers, the CSRF origin. */
  publicUrl: string;
  sessionTtlHours: number;
  maxBodyBytes: number;
  /** Failed logins allowed per address and per email in `loginWindowSeconds`. */
  loginMaxAttempts: number;
  loginWindowSeconds: number;
}

export interface ApiDeps {
  db: Database;
  redis: Redis;
  log: Logger;
  settings: ApiSettings;
}

export const DEFAULT_API_SETTINGS: Omit<ApiSettings, "publicUrl"> = {
  sessionTtlHours: 24 * 14,
  maxBodyBytes: 1024 * 1024,
  loginMaxAttempts: 10,
  loginWindowSeconds: 900,
};
