import { useState, type FormEvent } from "react";
import { useApi } from "../../api/use-api";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { useAuth } from "../auth/auth-context";
import { FormMessages } from "../account/FormMessages";
import { useFormAction } from "../account/use-form-action";
import { EnrolTwoFactor } from "./EnrolTwoFactor";
import { RecoveryCodes } from "./RecoveryCodes";
import { TWO_FACTOR_PATH, twoFactorApi, type TwoFactorStatus } from "./two-factor-api";

/** The account page's "Two-factor authentication": status, set-up, new recovery codes, turning it off. */
export function TwoFactorSection() {
  const status = useApi<TwoFactorStatus>(TWO_FACTOR_PATH);
  const { refresh } = useAuth();
  const reload = () => {
    status.reload();
    void refresh();
  };
  return (
    <section className="panel">
      <h2>Two-factor authentication</h2>
      {status.error ? (
        <ErrorState error={status.error} onRetry={status.reload} />
      ) : !status.data ? (
        <PanelSkeleton rows={2} />
      ) : status.data.enabled ? (
        <EnabledTwoFactor status={status.data} onChanged={reload} />
      ) : (
        <EnrolTwoFactor onEnabled={reload} />
      )}
    </section>
  );
}

function EnabledTwoFactor({ status, onChanged }: { status: TwoFactorStatus; onChanged: () => void }) {
  const [password, setPassword] = useState("");
  const [codes, setCodes] = useState<string[]>();
  const form = useFormAction();

  function newCodes() {
    void form.run(async () => {
      setCodes((await twoFactorApi.newRecoveryCodes({ password })).recoveryCodes);
      setPassword("");
      return "New recovery codes replace the old ones.";
    });
  }

  function turnOff(event: FormEvent) {
    event.preventDefault();
    void form
      .run(async () => {
        await twoFactorApi.disable({ password });
        return "Two-factor authentication is off.";
      })
      .then((ok) => {
        if (ok) onChanged();
      });
  }

  return (
    <div>
      <p role="status">
        <strong>On</strong> — {status.recoveryCodesLeft} of 10 recovery codes left.
      </p>
      {codes ? <RecoveryCodes codes={codes} /> : null}
      <form onSubmit={turnOff}>
        <label className="field">
          <span>Current password</span>
          <input
            name="two-factor-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        <FormMessages error={form.error} notice={form.notice} />
        <div className="row-actions">
          <button type="button" className="btn btn-small" onClick={newCodes} disabled={form.busy || !password}>
            New recovery codes
          </button>
          <button type="submit" className="btn btn-small btn-danger" disabled={form.busy}>
            Turn off
          </button>
        </div>
      </form>
    </div>
  );
}
