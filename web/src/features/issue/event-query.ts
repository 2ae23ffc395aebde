/** `key:value` for Sentry's search, the value quoted when it holds spaces, quotes or brackets. */
export function tagTerm(key: string, value: string): string {
  return /^[^\s"[\]]+$/.test(value) ? `${key}:${value}` : `${key}:"${value.replace(/"/g, '\\"')}"`;
}
