/**
 * Sentry's `normalize_message`: variable parts of messages and exception values (ids,
 * numbers, addresses, dates...) become placeholders so that "timeout after 3000ms" and
 * "timeout after 5000ms" group together. Order matters: earlier patterns win.
 */

const TLDS =
  "com|net|org|io|dev|app|edu|gov|mil|int|info|biz|co|us|uk|de|fr|nl|eu|ru|cn|jp|br|in|it|es|ca|au|ch|se|no|dk|fi|pl|be|at|cz|pt|ie|nz|za|mx|ar|kr|tw|hk|sg|tr|ua|il|gr|ro|hu|sk|local|internal|cloud|ai|me|tv|xyz|online|site|tech|store";

const LOCAL_CHAR = String.raw`[a-zA-Z0-9.!#$%&'*+/?^_\`{|}~-]`;
const LABEL = String.raw`[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?`;

const PATTERNS: [string, string][] = [
  // `=` is legal in an address but left out so `user=bob@x.io` keeps its key (user=<email>).
  // The local part is read whole only where a run of address characters begins; elsewhere (a
  // run entered after an earlier match) it is capped at RFC 5321's 64 characters. Read whole
  // from every position, a long run without an `@` was rescanned from each of them (quadratic).
  [
    "email",
    String.raw`(?:(?<!${LOCAL_CHAR})${LOCAL_CHAR}+|${LOCAL_CHAR}{1,64})@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,}`,
  ],
  ["url", String.raw`\b(?:wss?|https?|ftp):\/\/[^\s/$.?#][^\s]*`],
  // A hostname is only tried where a run of labels begins: a start inside the run (after an
  // earlier label and its dot, or after a hyphen of the same label) could only find what the
  // run's first start already tried, and retrying each one made `a.a.a.…` quadratic.
  ["hostname", String.raw`\b(?<!\b${LABEL}\.)(?<!\b[a-zA-Z0-9][a-zA-Z0-9-]{0,61}-)(?:${LABEL}\.)+(?:${TLDS})\b`],
  [
    "ip",
    String.raw`(?:\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b|\b(?:[0-9a-fA-F]{1,4}:){1,7}:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})?(?=[\s,;)\]'"]|$)|::(?:ffff:)?(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b)`,
  ],
  ["traceparent", String.raw`\b00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}\b`],
  ["uuid", String.raw`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`],
  ["sha1", String.raw`\b[0-9a-fA-F]{40}\b`],
  ["md5", String.raw`\b[0-9a-fA-F]{32}\b`],
  [
    "date",
    [
      String.raw`\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?`,
      String.raw`\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? \d{1,2}[ -](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[ -]\d{2,4} \d{2}:\d{2}:\d{2}(?: [A-Z]{2,5}|[+-]\d{4})?`,
      // Bounded: with no `)` ahead, each `datetime.datetime(` would scan to the end of the text.
      String.raw`\bdatetime\.datetime\([^)]{0,256}\)`,
      String.raw`\b\d{4}-\d{2}-\d{2}\b`,
      String.raw`\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?\b`,
    ].join("|"),
  ],
  ["duration", String.raw`\b\d+(?:\.\d+)?(?:ms|s)\b`],
  ["hex", String.raw`\b0[xX][0-9a-fA-F]+\b`],
  ["float", String.raw`-?\b\d+\.\d+\b`],
  ["int", String.raw`-?\b\d+\b`],
  ["quoted_str", String.raw`(?<==)(?:'[^']*'|"[^"]*")`],
  ["bool", String.raw`(?<==)(?:True|true|False|false)\b`],
];

const COMBINED = new RegExp(PATTERNS.map(([name, source]) => `(?<${name}>${source})`).join("|"), "g");

/**
 * Only this much of the kept lines is normalized and grouped on. Event normalization already cuts
 * messages and exception values there (SHAPE_CAPS, after Relay), so events are unaffected; the
 * bound keeps the cost of one call fixed for any caller, whatever the sender put in the text.
 */
export const NORMALIZED_MESSAGE_MAX = 8192;

export function normalizeMessage(text: string): string {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  let kept = cutAt(lines.slice(0, 2).join("\n"), NORMALIZED_MESSAGE_MAX);
  if (kept !== text) kept += "...";
  return kept.replace(COMBINED, (...args: unknown[]) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    for (const [name] of PATTERNS) {
      if (groups[name] !== undefined) return `<${name}>`;
    }
    return String(args[0]);
  });
}

/** At most `max` code units, never splitting a surrogate pair. */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
