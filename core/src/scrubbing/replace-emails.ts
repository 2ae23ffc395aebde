/**
 * Replaces what `/\b[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}\b/g` matches, in linear time.
 *
 * Run by a backtracking engine that expression is quadratic: from every position of a long run
 * of address characters it reads to the end of the run looking for an `@`. Here each `@` is found
 * once and the address is grown around it: every start inside the run before an `@` leads to the
 * same `@` and domain, so the leftmost one that the expression would accept (the first word
 * boundary after the previous match) is the only one worth trying. The runs before and after
 * different `@`s cannot overlap (neither contains an `@`), so each character is read a bounded
 * number of times.
 */
const DOMAIN = /[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}\b/y;

export function replaceEmails(text: string, replacement: string): string {
  let at = text.indexOf("@");
  if (at === -1) return text;
  let out = "";
  let copied = 0;
  while (at !== -1) {
    const start = firstLocalStart(text, at, copied);
    if (start !== -1) {
      DOMAIN.lastIndex = at + 1;
      if (DOMAIN.test(text)) {
        out += text.slice(copied, start) + replacement;
        copied = DOMAIN.lastIndex;
      }
    }
    at = text.indexOf("@", Math.max(at + 1, copied));
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Where the local part before the `@` at `at` starts, or -1; never before `from`. */
function firstLocalStart(text: string, at: number, from: number): number {
  let runStart = at;
  while (runStart > from && isLocalChar(text.charCodeAt(runStart - 1))) runStart--;
  for (let i = runStart; i < at; i++) {
    if (isWordChar(text.charCodeAt(i)) !== (i > 0 && isWordChar(text.charCodeAt(i - 1)))) return i;
  }
  return -1;
}

/** `[a-zA-Z0-9_]`, what `\b` looks at. */
function isWordChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f
  );
}

/** `[a-zA-Z0-9._%+-]` */
function isLocalChar(code: number): boolean {
  return isWordChar(code) || code === 0x2e || code === 0x25 || code === 0x2b || code === 0x2d;
}
