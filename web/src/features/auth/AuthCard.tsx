import type { FormEvent, ReactNode } from "react";

/** The centred card the login and set-up forms sit in. */
export function AuthCard(props: {
  title: string;
  intro?: ReactNode;
  error?: string;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  function submit(event: FormEvent) {
    event.preventDefault();
    props.onSubmit();
  }
  return (
    <main className="auth-page">
      <form className="auth-card panel" onSubmit={submit}>
        <div className="brand brand-large">Faultline</div>
        <h1>{props.title}</h1>
        {props.intro ? <p className="muted">{props.intro}</p> : null}
        {props.children}
        {props.error ? (
          <div className="form-error" role="alert">
            {props.error}
          </div>
        ) : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={props.busy}>
          {props.busy ? "Please wait…" : props.submitLabel}
        </button>
      </form>
    </main>
  );
}

export function Field(props: {
  label: string;
  name: string;
  type?: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete?: string;
  required?: boolean;
  hint?: string;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        autoComplete={props.autoComplete}
        required={props.required}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint ? <small className="muted">{props.hint}</small> : null}
    </label>
  );
}
