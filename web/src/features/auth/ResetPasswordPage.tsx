import { useState } from "react";
import { Link, useParams } from "react-router";
import { apiSend } from "../../api/client";
import { AuthCard, Field } from "./AuthCard";

/** What a password reset email's link opens: the new password, then sign in with it. */
export function ResetPasswordPage() {
  const { token = "" } = useParams();
  const [password, setPassword] = useState("");
  const [verify, setVerify] = useState("");
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (password !== verify) {
      setError("The two passwords differ.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await apiSend("POST", "/auth/password-reset/confirm/", { token, password });
      setDone(true);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <main className="auth-page">
        <div className="auth-card panel">
          <div className="brand brand-large">Faultline</div>
          <h1>Password changed</h1>
          <p role="status">Every browser was signed out. Sign in with your new password.</p>
          <Link className="btn btn-primary btn-block" to="/login">
            Sign in
          </Link>
        </div>
      </main>
    );
  return (
    <AuthCard
      title="Choose a new password"
      busy={busy}
      error={error}
      submitLabel="Change password"
      onSubmit={() => void submit()}
    >
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        required
        hint="At least 8 characters, not a common password."
      />
      <Field
        label="New password again"
        name="password-again"
        type="password"
        autoComplete="new-password"
        value={verify}
        onChange={setVerify}
        required
      />
    </AuthCard>
  );
}
