/**
 * Sentry's short ids: the project slug in capitals, a dash, and the number in its project
 * in Crockford's base 32 (`CHECKOUT-1`, ..., `CHECKOUT-Z`, `CHECKOUT-10`), as Sentry encodes them.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function formatShortId(projectSlug: string, shortId: number): string {
  let rest = shortId;
  let digits = "";
  do {
    digits = ALPHABET[rest % 32]! + digits;
    rest = Math.floor(rest / 32);
  } while (rest > 0);
  return `${projectSlug.toUpperCase()}-${digits}`;
}

/** Largest number an issue can carry (the column is an integer). */
const MAX_SHORT_ID = 2_147_483_647;

/**
 * Reads `CHECKOUT-1A` (any case) as project slug `checkout` and number 42; `null` if it is not
 * one. Like Sentry, O reads as 0 and I and L as 1. Slugs may hold dashes: the number is after
 * the last one.
 */
export function parseShortId(text: string): { projectSlug: string; shortId: number } | null {
  const match = /^([a-z0-9][a-z0-9_-]*)-([0-9a-z]{1,7})$/i.exec(text.trim());
  if (!match) return null;
  const digits = match[2]!.toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
  let value = 0;
  for (const digit of digits) {
    const index = ALPHABET.indexOf(digit);
    if (index < 0) return null;
    value = value * 32 + index;
  }
  if (value < 1 || value > MAX_SHORT_ID) return null;
  return { projectSlug: match[1]!.toLowerCase(), shortId: value };
}
