export interface GlobOptions {
  ignoreCase?: boolean;
  /** Paths: `*` stops at `/` and `\`, `**` crosses them (Sentry's path matching). */
  path?: boolean;
}

export interface Glob {
  /** Whether the whole of `text` fits the glob. */
  matches(text: string): boolean;
}

type Token =
  | { kind: "char"; code: number }
  | { kind: "any"; crossesSeparators: boolean }
  | { kind: "class"; fits: (code: number) => boolean }
  | { kind: "star"; crossesSeparators: boolean };

/**
 * Compiles Sentry's fingerprint-rule globs: `*`, `?`, `[abc]`, `[!abc]`; everything else is
 * literal.
 *
 * Matching walks the text once, keeping the set of glob positions reachable so far (a
 * non-deterministic automaton), so it costs at most text length × glob length. A glob turned into
 * a regular expression backtracks instead: `*a*a*a*a*b` against 150 characters took seconds, and
 * each extra `*` multiplies the time by the text length.
 */
export function compileGlob(pattern: string, options: GlobOptions = {}): Glob {
  const ignoreCase = options.ignoreCase ?? false;
  const tokens = tokenize(pattern, options.path ?? false, ignoreCase);
  return { matches: (text) => run(tokens, text, ignoreCase) };
}

function tokenize(pattern: string, path: boolean, ignoreCase: boolean): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === "*") {
      const double = pattern[i + 1] === "*";
      if (double) i++;
      const crossesSeparators = !path || double;
      const previous = tokens[tokens.length - 1];
      // `a**b` and `a***b` need no second star: merging keeps the automaton small.
      if (previous?.kind === "star") previous.crossesSeparators ||= crossesSeparators;
      else tokens.push({ kind: "star", crossesSeparators });
    } else if (char === "?") {
      tokens.push({ kind: "any", crossesSeparators: !path });
    } else if (char === "[" && pattern.indexOf("]", i + 2) !== -1) {
      const end = pattern.indexOf("]", i + 2);
      tokens.push({ kind: "class", fits: characterClass(pattern.slice(i + 1, end), ignoreCase) });
      i = end;
    } else {
      tokens.push({ kind: "char", code: canonical(pattern.charCodeAt(i), ignoreCase) });
    }
  }
  return tokens;
}

/**
 * A bracket expression, read as a regular-expression class on one character (ranges such as
 * `[a-z]` included), which matches in constant time; answers are remembered per character.
 */
function characterClass(body: string, ignoreCase: boolean): (code: number) => boolean {
  const escaped = body.replace(/\\/g, "\\\\");
  const source = escaped.startsWith("!") ? `[^${escaped.slice(1)}]` : `[${escaped}]`;
  const single = new RegExp(`^${source}$`, ignoreCase ? "i" : "");
  const known = new Map<number, boolean>();
  return (code) => {
    let fits = known.get(code);
    if (fits === undefined) {
      fits = single.test(String.fromCharCode(code));
      known.set(code, fits);
    }
    return fits;
  };
}

function run(tokens: readonly Token[], text: string, ignoreCase: boolean): boolean {
  // active[i]: the text read so far can end just before tokens[i] (i === tokens.length: all used).
  let active = new Uint8Array(tokens.length + 1);
  let next = new Uint8Array(tokens.length + 1);
  active[0] = 1;
  skipStars(tokens, active);
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    const folded = canonical(code, ignoreCase);
    const separator = code === 0x2f || code === 0x5c; // `/` or `\`
    next.fill(0);
    let any = false;
    for (let i = 0; i < tokens.length; i++) {
      if (active[i] !== 1) continue;
      const token = tokens[i] as Token;
      if (token.kind === "star") {
        if (token.crossesSeparators || !separator) {
          next[i] = 1;
          any = true;
        }
      } else if (fits(token, code, folded, separator)) {
        next[i + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    skipStars(tokens, next);
    [active, next] = [next, active];
  }
  return active[tokens.length] === 1;
}

function fits(token: Exclude<Token, { kind: "star" }>, code: number, folded: number, separator: boolean): boolean {
  switch (token.kind) {
    case "char":
      return token.code === folded;
    case "any":
      return token.crossesSeparators || !separator;
    case "class":
      return token.fits(code);
  }
}

/** A star may also match nothing: whatever reaches it reaches the token after it too. */
function skipStars(tokens: readonly Token[], states: Uint8Array): void {
  for (let i = 0; i < tokens.length; i++) {
    if (states[i] === 1 && tokens[i]?.kind === "star") states[i + 1] = 1;
  }
}

/**
 * Case folding as a regular expression's `i` flag does it (ECMAScript's Canonicalize without
 * `u`): the upper case of the character when that is a single character, except that nothing
 * outside ASCII folds into ASCII.
 */
function canonical(code: number, ignoreCase: boolean): number {
  if (!ignoreCase || code < 0x61) return code;
  if (code <= 0x7a) return code - 0x20;
  if (code < 0x80) return code;
  const upper = String.fromCharCode(code).toUpperCase();
  if (upper.length !== 1) return code;
  const folded = upper.charCodeAt(0);
  return folded < 0x80 ? code : folded;
}
