import { useState } from "react";
import { AuthCard, Field } from "../auth/AuthCard";
import "./two-factor.css";
import { twoFactorApi } from "./two-factor-api";

/** The sign-in's second step: a code from the authenticator app, or one of the recovery codes. */
export function TwoFactorLoginStep({ pendingLogin, onSignedIn }: { pendingLogin: string; onSignedIn: () => void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(undefined);
    try {
      await twoFactorApi.finishLogin(
        useRecovery ? { pendingLogin, recoveryCode: value } : { pendingLogin, code: value },
      );
      onSignedIn();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Two-factor authentication"
      intro={
        useRecovery
          ? "Enter one of your recovery codes. Each works once."
          : "Enter the 6-digit code from your authenticator app."
      }
      busy={busy}
      error={error}
      submitLabel="Verify"
      onSubmit={() => void submit()}
    >
      <Field
        label={useRecovery ? "Recovery code" : "Code"}
        name={useRecovery ? "recovery-code" : "totp-code"}
        autoComplete="one-time-code"
        value={value}
        onChange={setValue}
        required
      />
      <button
        type="button"
        className="btn btn-text-link small"
        onClick={() => {
          setUseRecovery(!useRecovery);
          setValue("");
        }}
      >
        {useRecovery ? "Use a code from the app" : "Use a recovery code"}
      </button>
    </AuthCard>
  );
}
