import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether a request may read /metrics: anyone when METRICS_TOKEN is unset, else only a request
 * with `Authorization: Bearer <METRICS_TOKEN>`. Digests are compared so the time taken says
 * nothing about how much of the token was right.
 */
export function metricsAllowed(authorization: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match !== null && timingSafeEqual(digest(match[1] ?? ""), digest(token));
}

/** The answer to a /metrics request without the token. */
export const METRICS_UNAUTHORIZED = {
  headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
  body: { detail: "Authentication required: send Authorization: Bearer <METRICS_TOKEN>." },
};
