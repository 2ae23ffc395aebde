/** A form's error (alert) and notice (status) lines. */
export function FormMessages({ error, notice }: { error?: string | undefined; notice?: string | undefined }) {
  return (
    <>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      {notice ? (
        <div className="muted small" role="status">
          {notice}
        </div>
      ) : null}
    </>
  );
}
