import type { Level } from "./types";

const ALIASES: Record<string, Level> = {
  debug: "debug",
  info: "info",
  log: "info",
  warning: "warning",
  warn: "warning",
  error: "error",
  fatal: "fatal",
  critical: "fatal",
};

/** raven-era clients send numeric levels (Python logging's numbers). */
const NUMERIC: [number, Level][] = [
  [50, "fatal"],
  [40, "error"],
  [30, "warning"],
  [20, "info"],
  [0, "debug"],
];

export function normalizeLevel(raw: unknown, fallback: Level = "error"): Level {
  if (typeof raw === "number") return NUMERIC.find(([min]) => raw >= min)?.[1] ?? fallback;
  if (typeof raw !== "string") return fallback;
  const trimmed = raw.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return normalizeLevel(Number(trimmed), fallback);
  // Own keys only: "constructor" or "__proto__" must not find Object.prototype's members.
  return Object.hasOwn(ALIASES, trimmed) ? (ALIASES[trimmed] ?? fallback) : fallback;
}
