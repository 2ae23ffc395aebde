import type { FingerprintRule, Matcher, MatcherKey, RuleError } from "./types";

const ALIASES: Record<string, MatcherKey> = {
  "error.type": "error.type",
  type: "error.type",
  "error.value": "error.value",
  value: "error.value",
  message: "message",
  logger: "logger",
  level: "level",
  "stack.function": "stack.function",
  function: "stack.function",
  "stack.module": "stack.module",
  module: "stack.module",
  "stack.abs_path": "stack.abs_path",
  path: "stack.abs_path",
};

const VARIABLES = new Set([
  "default",
  "transaction",
  "message",
  "type",
  "error.type",
  "value",
  "error.value",
  "function",
  "stack.function",
  "path",
  "stack.abs_path",
  "stack.filename",
  "module",
  "stack.module",
  "package",
  "stack.package",
  "level",
  "logger",
]);
const VARIABLE = /^\{\{\s*(\S+?)\s*\}\}$/;

/**
 * Parses project fingerprint rules in Sentry's syntax, one per line:
 *
 *     error.type:ChunkLoadError -> chunkloaderror
 *     error.value:"*timeout*" -> timeout, {{ default }}
 *
 * Bad lines are reported (with their line number) and skipped, so one typo does not disable
 * the others.
 */
export function parseFingerprintRules(text: string): { rules: FingerprintRule[]; errors: RuleError[] } {
  const rules: FingerprintRule[] = [];
  const errors: RuleError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    try {
      const rule = parseLine(raw, line);
      if (rule) rules.push(rule);
    } catch (error) {
      if (!(error instanceof RuleSyntaxError)) throw error;
      errors.push({ line, message: `line ${line}: ${error.message}` });
    }
  });
  return { rules, errors };
}

class RuleSyntaxError extends Error {}

function parseLine(raw: string, line: number): FingerprintRule | undefined {
  const tokens = tokenize(raw);
  if (tokens.length === 0) return undefined;
  const arrow = tokens.findIndex((token) => token.kind === "arrow");
  if (arrow === -1) throw new RuleSyntaxError('expected "->" followed by the fingerprint');
  if (tokens.slice(arrow + 1).some((token) => token.kind === "arrow")) throw new RuleSyntaxError('"->" appears twice');
  const left = tokens.slice(0, arrow);
  if (left.length === 0)
    throw new RuleSyntaxError('expected at least one matcher (like error.type:ValueError) before "->"');
  const matchers = left.map(parseMatcher);
  const fingerprint = parseFingerprint(tokens.slice(arrow + 1));
  const text = tokens.map((token) => token.source).join(" ");
  return { matchers, fingerprint, line, text };
}

function parseMatcher(token: Token): Matcher {
  if (token.kind !== "word") throw new RuleSyntaxError(`unexpected "${token.source}" among the matchers`);
  const negated = token.value.startsWith("!");
  const body = negated ? token.value.slice(1) : token.value;
  const colon = body.indexOf(":");
  if (colon <= 0)
    throw new RuleSyntaxError(`"${token.source}" is not a matcher; write key:value, e.g. error.type:ValueError`);
  const name = body.slice(0, colon);
  const pattern = token.quotedValue ?? body.slice(colon + 1);
  if (pattern === "") throw new RuleSyntaxError(`matcher "${name}" has no value`);
  const key = name.startsWith("tags.") && name.length > 5 ? (name as MatcherKey) : ALIASES[name];
  if (!key) {
    throw new RuleSyntaxError(
      `unknown matcher "${name}"; use error.type, error.value, message, logger, level, tags.<key>, stack.function, stack.module or stack.abs_path`,
    );
  }
  return { key, pattern, negated };
}

function parseFingerprint(tokens: Token[]): string[] {
  const values: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) values.push(current.join(" "));
    current = [];
  };
  for (const token of tokens) {
    if (token.kind === "comma") flush();
    else current.push(token.quotedValue ?? token.value);
  }
  flush();
  if (values.length === 0) throw new RuleSyntaxError('expected a fingerprint after "->"');
  for (const value of values) {
    const name = VARIABLE.exec(value)?.[1];
    if (name && !VARIABLES.has(name) && !name.startsWith("tags.")) {
      throw new RuleSyntaxError(`unknown variable "${value}"`);
    }
  }
  return values;
}

interface Token {
  kind: "word" | "arrow" | "comma";
  value: string;
  /** Set when the value part was quoted: `message:"a b"` or `"a b"`. */
  quotedValue?: string;
  source: string;
}

/** Splits on whitespace outside quotes; `->`, `,` and `{{ ... }}` are tokens; `#` starts a comment. */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const char = line.charAt(i);
    if (/\s/.test(char)) {
      i++;
    } else if (char === "#") {
      break;
    } else if (line.startsWith("->", i)) {
      tokens.push({ kind: "arrow", value: "->", source: "->" });
      i += 2;
    } else if (char === ",") {
      tokens.push({ kind: "comma", value: ",", source: "," });
      i++;
    } else if (line.startsWith("{{", i)) {
      const end = line.indexOf("}}", i);
      if (end === -1) throw new RuleSyntaxError('"{{" without a closing "}}"');
      const source = line.slice(i, end + 2);
      tokens.push({ kind: "word", value: source, source });
      i = end + 2;
    } else {
      const start = i;
      let value = "";
      let quotedValue: string | undefined;
      while (i < line.length && !/[\s,#]/.test(line.charAt(i)) && !line.startsWith("->", i)) {
        if (line.charAt(i) === '"') {
          const { text, next } = readQuoted(line, i);
          quotedValue = text;
          i = next;
        } else {
          value += line.charAt(i);
          i++;
        }
      }
      const source = line.slice(start, i);
      tokens.push(
        quotedValue === undefined ? { kind: "word", value, source } : { kind: "word", value, quotedValue, source },
      );
    }
  }
  return tokens;
}

function readQuoted(line: string, start: number): { text: string; next: number } {
  let text = "";
  let i = start + 1;
  while (i < line.length) {
    const char = line.charAt(i);
    if (char === "\\" && i + 1 < line.length) {
      text += line.charAt(i + 1);
      i += 2;
    } else if (char === '"') {
      return { text, next: i + 1 };
    } else {
      text += char;
      i++;
    }
  }
  throw new RuleSyntaxError("unterminated quote");
}
