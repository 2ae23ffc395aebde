/**
 * The deepest object/array nesting in a JSON text, found by scanning bytes (strings skipped),
 * so a nesting bomb is refused before JSON.parse and before recursive normalizers see it.
 * Stops counting once past `limit`.
 */
export function jsonDepthExceeds(text: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === 0x5c /* \ */) i++;
      else if (byte === 0x22 /* " */) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b /* { */ || byte === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (byte === 0x7d /* } */ || byte === 0x5d /* ] */) depth--;
  }
  return false;
}

/** Deeper than any SDK sends (frame variables are cut at ~10 levels), shallow enough for recursion. */
export const MAX_JSON_DEPTH = 100;
