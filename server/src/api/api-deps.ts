import { tmpdir } from "node:os";
import path from "node:path";
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
  /** Where uploaded artifacts (source-map bundles, release files) are kept (ARTIFACTS_DIR). */
  artifactsDir: string;
  /** Largest artifact bundle or release file accepted (ARTIFACTS_MAX_BYTES). */
  artifactMaxBytes: number;
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
  artifactsDir: path.join(tmpdir(), "faultline-artifacts"),
  artifactMaxBytes: 100 * 1024 * 1024,
};
