import { useState } from "react";
import { Link } from "react-router";
import { apiSend } from "../../api/client";
import { AuthCard, Field } from "./AuthCard";

/** Asks for a password reset link by email; says the same whether or not the email has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await apiSend<{ detail: string }>("POST", "/auth/password-reset/", { email });
      setSent(answer.detail);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  if (sent)
    return (
      <main className="auth-page">
        <div className="auth-card panel">
          <div className="brand brand-large">Faultline</div>
          <h1>Check your email</h1>
          <p role="status">{sent}</p>
          <p className="muted small">The link works once, for an hour.</p>
          <Link to="/login">Back to sign in</Link>
        </div>
      </main>
    );
  return (
    <AuthCard
      title="Reset your password"
      intro="Enter the email you sign in with; we send a link to choose a new password."
      busy={busy}
      error={error}
      submitLabel="Send the link"
      onSubmit={() => void submit()}
    >
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={setEmail}
        required
      />
    </AuthCard>
  );
}
