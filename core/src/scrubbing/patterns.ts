/**
 * Sentry's default sensitive-data patterns (sentry-protocol.md §8.1). They run on every string
 * of every event, whatever its length, so each runs in linear time (see
 * patterns.linearity.test.ts): no quantifier may rescan text another attempt already read.
 */
import { replaceEmails } from "./replace-emails";

export const FILTERED = "[Filtered]";

export const DEFAULT_SENSITIVE_KEY =
  /password|secret|passwd|api[-_]?key|auth|credentials|mysql_pwd|private[-_]?key|token|bearer|^otp$|^two[-_]factor$|^cookie$|^set-cookie$/i;

/**
 * Relay's key-value rule also fires on values: a string mentioning a password, secret, auth or
 * an assigned token (`token=…`) is replaced whole. That is how Sentry catches source lines such
 * as `set_extra("password", "hunter2")` in a frame's context. It also blanks harmless text that
 * says "auth"; Sentry users see the same. The run read after a `token` stops at the next
 * `token` (which reads on from there), so `tokentoken…` is not rescanned from each occurrence.
 */
export const SENSITIVE_VALUE =
  /password|secret|passwd|api[-_]?key|auth|credentials|mysql_pwd|private[-_]?key|token(?:(?!token)[^\s:=])*\s*[:=]/i;

export const SENSITIVE_COOKIES = new Set([
  "sentrysid",
  "sudo",
  "su",
  "session",
  "__session",
  "sessionid",
  "user_session",
  "symfony",
  "phpsessid",
  "fasthttpsessionid",
  "mysession",
  "irissessionid",
  "_vercel_jwt",
  "csrf",
  "xsrf",
  "_xsrf",
  "_csrf",
  "csrf-token",
  "csrf_token",
  "xsrf-token",
  "xsrf_token",
  "fastcsrf",
  "_iris_csrf",
]);

const BEARER = /\b(Bearer\s+)[^\s"',;]+/gi;
/**
 * Relay's credit-card pattern: vendor prefix (Amex 3[47], Visa 4, Mastercard 5[1-5], Discover
 * 65/6011), then the remaining digits with optional single separators. Anchored on the prefix,
 * so a card right after other numbers ("order 7 4111 1111 …") is still found.
 */
const CARD = /\b(?:3[47]\d(?:[ -]?\d){12}|(?:4\d{3}|5[1-5]\d\d|65\d\d|6011)(?:[ -]?\d){12})\b/g;
const PEM_BEGIN = /-----BEGIN [A-Z ]*(?:PRIVATE|PUBLIC) KEY-----/g;
const PEM_END = /-----END [A-Z ]*(?:PRIVATE|PUBLIC) KEY-----/g;
/**
 * `scheme://user:password@`. The scheme is read from where its run of scheme characters begins
 * (kept as it is, like everything before the password): tried from each position of a long run
 * such as `a.a.a.…`, it was rescanned to the run's end every time. Starting at the run's first
 * character, not its first letter, filters a little more than Sentry (`1a://u:p@h`), never less.
 */
const URL_PASSWORD = /(?<![a-z0-9+.-])([a-z0-9+.-]+:\/\/[^:/@\s]+:)([^@\s/]+)(@)/gi;
const HOME_DIR = /((?:\/home\/|\/Users\/|[A-Za-z]:\\Users\\|Documents and Settings\\))([^/\\\s]+)/g;
const US_SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const IBAN =
  /\b(?:AD|AE|AL|AT|AZ|BA|BE|BG|BH|BR|CH|CR|CY|CZ|DE|DK|DO|EE|ES|FI|FO|FR|GB|GE|GI|GL|GR|GT|HR|HU|IE|IL|IS|IT|JO|KW|KZ|LB|LI|LT|LU|LV|MC|MD|ME|MK|MR|MT|MU|NL|NO|PK|PL|PS|PT|QA|RO|RS|SA|SE|SI|SK|SM|TN|TR|UA|VG|XK)\d{2}[A-Z0-9]{11,29}\b/g;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
const IPV6 = /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}\b|::(?:ffff:)?(?:\d{1,3}\.){3}\d{1,3}/gi;

export interface TextOptions {
  /** Sentry's built-in value patterns ("Use Default Scrubbers"). */
  defaults: boolean;
  emails: boolean;
  ips: boolean;
}

/** Replaces sensitive fragments inside ordinary values; returns the same string when nothing matched. */
export function scrubText(text: string, options: TextOptions): string {
  let out = text;
  if (options.defaults) {
    // Every string of every event passes here: cheap substring checks keep the regular
    // expressions off the (vast majority of) strings they cannot match.
    if (/bearer/i.test(out)) out = out.replace(BEARER, `$1${FILTERED}`);
    // Cards, SSNs and IBANs all contain at least two digits in a row.
    if (/\d\d/.test(out)) out = out.replace(CARD, FILTERED).replace(US_SSN, FILTERED).replace(IBAN, FILTERED);
    if (out.includes("-----BEGIN")) out = filterPemBodies(out);
    if (out.includes("@") && out.includes("://")) out = out.replace(URL_PASSWORD, `$1${FILTERED}$3`);
    if (out.includes("/home/") || out.includes("Users") || out.includes("Documents and Settings")) {
      out = out.replace(HOME_DIR, `$1${FILTERED}`);
    }
  }
  if (options.emails) out = replaceEmails(out, FILTERED);
  if (options.ips) out = out.replace(IPV4, "[ip]").replace(IPV6, "[ip]");
  return out;
}

/**
 * Text that drives display and grouping (messages, exception values): only the replace-only
 * patterns run, with labels that keep the sentence readable ("card [creditcard] declined").
 */
export function scrubProtectedText(text: string, options: TextOptions): string {
  let out = text;
  if (options.defaults) {
    out = out.replace(BEARER, `$1${FILTERED}`).replace(CARD, "[creditcard]");
    out = filterPemBodies(out).replace(US_SSN, "[us-ssn]").replace(IBAN, "[iban]");
    out = replaceEmails(out, "[email]");
  } else if (options.emails) {
    out = replaceEmails(out, "[email]");
  }
  if (options.ips) out = out.replace(IPV4, "[ip]").replace(IPV6, "[ip]");
  return out;
}

/**
 * Replaces the body between each PEM key header and the next footer. Done by hand because the
 * lazy `BEGIN[\s\S]*?END` expression, with no footer in the text, reads to its end from every
 * header (quadratic in the number of headers); here a header without a footer after it ends the
 * search, since no later header can have one either.
 */
function filterPemBodies(text: string): string {
  let out = "";
  let copied = 0;
  let searchFrom = 0;
  for (;;) {
    PEM_BEGIN.lastIndex = searchFrom;
    if (!PEM_BEGIN.exec(text)) break;
    PEM_END.lastIndex = PEM_BEGIN.lastIndex;
    const end = PEM_END.exec(text);
    if (!end) break;
    out += text.slice(copied, PEM_BEGIN.lastIndex) + FILTERED;
    // The footer is kept; the next header is looked for after it.
    copied = end.index;
    searchFrom = PEM_END.lastIndex;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
