import { randomUUID } from "node:crypto";

const UNDASHED = /^[0-9a-f]{32}$/;
const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Sentry event ids are UUIDs written as 32 hex characters; some SDKs send the dashed form.
 * Returns the canonical 32-character lowercase form, or null when the value is not a UUID.
 */
export function normalizeEventId(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const lower = value.trim().toLowerCase();
  if (UNDASHED.test(lower)) return lower;
  if (DASHED.test(lower)) return lower.replace(/-/g, "");
  return null;
}

export function generateEventId(): string {
  return randomUUID().replace(/-/g, "");
}

/** The dashed form, as PostgreSQL's uuid type and minidump clients want it. */
export function dashedEventId(id: string): string {
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}
