/** Clock skew tolerated before a future timestamp is replaced by the receive time. */
const MAX_FUTURE_SKEW_SECONDS = 60;

/** RFC 3339 / ISO 8601 with optional fraction and zone (`Z`, `+02:00`, `+0200`, `+02`). */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Accepts seconds since the epoch (number or numeric string) and ISO 8601 strings (a missing
 * zone means UTC, as Sentry reads it). Returns seconds with fractions, kept to microseconds
 * because `Date.parse` would silently drop everything after milliseconds.
 */
export function parseTimestamp(raw: unknown): number | undefined {
  if (typeof raw === "number") return Number.isFinite(raw) && raw > 0 ? roundMicros(raw) : undefined;
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return roundMicros(Number(text));
  const match = ISO.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const wholeMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? "0"));
  if (!Number.isFinite(wholeMs)) return undefined;
  const seconds = wholeMs / 1000 + (fraction ? Number(`0.${fraction}`) : 0) - zoneOffsetSeconds(zone);
  return roundMicros(seconds);
}

function zoneOffsetSeconds(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || "0");
  return sign * (hours * 3600 + minutes * 60);
}

function roundMicros(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

export function eventTimestamp(raw: unknown, receivedSeconds: number): number {
  const parsed = parseTimestamp(raw);
  if (parsed === undefined || parsed > receivedSeconds + MAX_FUTURE_SKEW_SECONDS) {
    return receivedSeconds;
  }
  return parsed;
}
