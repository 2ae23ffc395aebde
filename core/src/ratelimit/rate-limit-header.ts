import { LIMITED_CATEGORIES } from "../outcomes/categories";

export type LimitScope = "key" | "project";

export interface RateLimitDecision {
  /** Whole seconds until the window that refused the events ends (at least 1). */
  retryAfter: number;
  scope: LimitScope;
  /** Sentry reason codes: a key's rate limit, or the project's quota. */
  reasonCode: "key_quota" | "quota_exceeded";
}

/**
 * `X-Sentry-Rate-Limits` exactly as Relay writes it (sentry-protocol.md §5.1):
 * `<seconds>:<cat>;<cat>:<scope>:<reason>`. SDKs parse the seconds, split the categories on
 * `;` and ignore the rest.
 */
export function formatRateLimitHeader(decision: RateLimitDecision): string {
  return `${decision.retryAfter}:${LIMITED_CATEGORIES.join(";")}:${decision.scope}:${decision.reasonCode}`;
}

export interface ParsedRateLimit {
  retryAfter: number;
  /** Empty: all categories. */
  categories: string[];
  scope: string;
  reasonCode?: string;
}

/** The SDKs' parser (per the rate-limiting spec), used by tests to check what we send. */
export function parseRateLimitHeader(header: string): ParsedRateLimit[] {
  return header
    .split(",")
    .map((limit) => limit.trim())
    .filter(Boolean)
    .map((limit) => {
      const [seconds = "", categories = "", scope = "", reasonCode] = limit.split(":");
      const retryAfter = Number(seconds.trim());
      if (!Number.isFinite(retryAfter)) throw new Error(`bad retry_after in "${limit}"`);
      return {
        retryAfter,
        categories: categories
          .split(";")
          .map((c) => c.trim())
          .filter(Boolean),
        scope,
        ...(reasonCode !== undefined ? { reasonCode } : {}),
      };
    });
}
