/** What brings an ignored issue back, in words, from Sentry's statusDetails (null: ignored forever). */
export function ignoreCondition(details: Record<string, unknown>): string | null {
  const parts: string[] = [];
  if (typeof details.ignoreUntil === "string") parts.push(`until ${new Date(details.ignoreUntil).toLocaleString()}`);
  if (typeof details.ignoreCount === "number")
    parts.push(countCondition(details.ignoreCount, "event", details.ignoreWindow));
  if (typeof details.ignoreUserCount === "number")
    parts.push(countCondition(details.ignoreUserCount, "user", details.ignoreUserWindow));
  return parts.length > 0 ? parts.join(", or ") : null;
}

function countCondition(count: number, noun: string, window: unknown): string {
  const nouns = `${noun}${count === 1 ? "" : "s"}`;
  return typeof window === "number" && window > 0
    ? `until ${count.toLocaleString()} ${nouns} in ${windowName(window)}`
    : `until ${count.toLocaleString()} more ${nouns}`;
}

function windowName(minutes: number): string {
  if (minutes === 1) return "a minute";
  if (minutes === 60) return "an hour";
  if (minutes === 1440) return "a day";
  if (minutes === 10080) return "a week";
  return minutes % 60 === 0 ? `${minutes / 60} hours` : `${minutes} minutes`;
}
