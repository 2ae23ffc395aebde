/** One CSV line (RFC 4180): fields with commas, quotes or line breaks are quoted. */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields
    .map((field) => {
      const text = field === null || field === undefined ? "" : String(field);
      // A leading =, +, - or @ makes spreadsheets run a formula: neutralize it.
      const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(",")}\r\n`;
}
