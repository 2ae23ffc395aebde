/** Ids tie a message to its input (aria-describedby), so screen readers read it with the field. */
export const errorId = (path: string) => `rule-error-${path.replace(/[^a-zA-Z0-9]+/g, "-")}`;

export function FieldMessage({ path, message }: { path: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div id={errorId(path)} className="field-error">
      {message}
    </div>
  );
}

/** aria-invalid and aria-describedby for an input whose field has a message. */
export function invalidProps(path: string, message: string | undefined) {
  return message ? { "aria-invalid": true as const, "aria-describedby": errorId(path) } : {};
}

/** A copy of the list with item `index` changed. */
export function replaceAt<T>(list: T[], index: number, patch: Partial<T>): T[] {
  return list.map((item, i) => (i === index ? { ...item, ...patch } : item));
}
