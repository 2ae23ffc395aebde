/** What a shortened text ends with, as Relay marks its trimmed strings. */
export const ELLIPSIS = "...";

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * The first `maxUnits` UTF-16 units of `text`, one fewer when the cut would split a surrogate
 * pair: a half pair is a lone surrogate, which PostgreSQL refuses in JSON.
 */
export function truncateToCodePoints(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  if (maxUnits <= 0) return "";
  const end = isHighSurrogate(text.charCodeAt(maxUnits - 1)) ? maxUnits - 1 : maxUnits;
  return text.slice(0, end);
}

/** `text` cut to at most `max` units, ending with "..." when it was cut. */
export function truncateWithEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return truncateToCodePoints(ELLIPSIS, max);
  return truncateToCodePoints(text, max - ELLIPSIS.length) + ELLIPSIS;
}
