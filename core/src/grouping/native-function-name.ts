/**
 * Cleaning of C/C++/Objective-C function names for grouping, what
 * `.replace(/\(.*\)\s*(const)?$/, "").replace(/<.*>/g, "")` does, in linear time. Those
 * expressions retry from every `(` or `<` and read to the end of the line each time, so a name
 * made of thousands of `(` cost millions of steps per frame.
 */

/** `std::vector<int>::at(unsigned long) const` loses `(unsigned long) const`. */
export function withoutArguments(fn: string): string {
  // The `)` has to be followed by nothing but spaces and an optional `const`: it is the last one.
  const close = fn.lastIndexOf(")");
  if (close === -1 || !/^\s*(?:const)?$/.test(fn.slice(close + 1))) return fn;
  // `.` does not cross line breaks: the `(` is the first one on the `)`'s line.
  const open = fn.indexOf("(", lastLineBreak(fn, close) + 1);
  return open !== -1 && open < close ? fn.slice(0, open) : fn;
}

/** `std::vector<int>::at` becomes `std::vector::at`: per line, from the first `<` to the last `>`. */
export function withoutTemplateArguments(fn: string): string {
  if (!fn.includes("<")) return fn;
  return fn
    .split(/([\n\r\u2028\u2029])/)
    .map((line) => {
      const open = line.indexOf("<");
      const close = line.lastIndexOf(">");
      return open !== -1 && close > open ? line.slice(0, open) + line.slice(close + 1) : line;
    })
    .join("");
}

function lastLineBreak(text: string, before: number): number {
  for (let i = before - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) return i;
  }
  return -1;
}
