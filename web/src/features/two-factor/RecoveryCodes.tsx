/** The recovery codes, shown once: they are stored hashed and cannot be shown again. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="recovery-codes">
      <p>
        <strong>Save these recovery codes now</strong> — each signs you in once if you lose your phone, and they will
        not be shown again.
      </p>
      <pre aria-label="Recovery codes">{codes.join("\n")}</pre>
    </div>
  );
}
