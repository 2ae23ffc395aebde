export interface GlobOptions {
  ignoreCase?: boolean;
  /** Paths: `*` stops at `/` and `\`, `**` crosses them (Sentry's path matching). */
  path?: boolean;
}

/** Compiles Sentry's fingerprint-rule globs: `*`, `?`, `[abc]`; everything else is literal. */
export function compileGlob(pattern: string, options: GlobOptions = {}): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === "*") {
      const double = pattern[i + 1] === "*";
      if (double) i++;
      source += options.path && !double ? "[^/\\\\]*" : "[\\s\\S]*";
    } else if (char === "?") {
      source += options.path ? "[^/\\\\]" : "[\\s\\S]";
    } else if (char === "[" && pattern.indexOf("]", i + 2) !== -1) {
      const end = pattern.indexOf("]", i + 2);
      const body = pattern.slice(i + 1, end).replace(/\\/g, "\\\\");
      source += body.startsWith("!") ? `[^${body.slice(1)}]` : `[${body}]`;
      i = end;
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`, options.ignoreCase ? "i" : "");
}
