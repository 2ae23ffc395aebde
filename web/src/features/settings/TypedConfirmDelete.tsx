import { useState, type FormEvent, type ReactNode } from "react";

/**
 * A deletion that cannot be undone: the button stays disabled until the caller types the name
 * (a slug) of what goes, so a slip of the mouse deletes nothing.
 */
export function TypedConfirmDelete(props: {
  title: string;
  children: ReactNode;
  confirmWord: string;
  buttonLabel: string;
  /** Why the caller may not delete (the form is then disabled), or undefined. */
  refusal?: string | undefined;
  onDelete: () => Promise<void>;
}) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const matches = typed.trim() === props.confirmWord;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!matches) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onDelete();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <section className="panel danger-zone" aria-label={props.title}>
      <h2>{props.title}</h2>
      <p className="muted">{props.children}</p>
      {props.refusal ? <p className="muted small">{props.refusal}</p> : null}
      <form onSubmit={(event) => void submit(event)}>
        <fieldset disabled={props.refusal !== undefined || busy} className="plain-fieldset key-controls">
          <label className="inline-field">
            <span className="muted">
              Type <code>{props.confirmWord}</code> to confirm
            </span>
            <input
              type="text"
              aria-label={`Type ${props.confirmWord} to confirm`}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
            />
          </label>
          <button type="submit" className="btn btn-small btn-danger" disabled={!matches}>
            {busy ? "Deleting…" : props.buttonLabel}
          </button>
        </fieldset>
      </form>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
    </section>
  );
}
