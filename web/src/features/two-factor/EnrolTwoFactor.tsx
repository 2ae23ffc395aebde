import { useState, type FormEvent } from "react";
import { FormMessages } from "../account/FormMessages";
import { useFormAction } from "../account/use-form-action";
import { RecoveryCodes } from "./RecoveryCodes";
import "./two-factor.css";
import { ENROLMENT_QR_URL, twoFactorApi, type Enrolment } from "./two-factor-api";

/**
 * Turning two-factor on: a secret as QR code and text for the authenticator app, then a code
 * from the app to prove it was added. Until that code, nothing changes for the account.
 */
export function EnrolTwoFactor({ onEnabled }: { onEnabled: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment & { startedAt: number }>();
  const [code, setCode] = useState("");
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const form = useFormAction();

  function start() {
    void form.run(async () => {
      setEnrolment({ ...(await twoFactorApi.enrol()), startedAt: Date.now() });
      return undefined;
    });
  }

  function confirm(event: FormEvent) {
    event.preventDefault();
    void form.run(async () => {
      const { recoveryCodes: codes } = await twoFactorApi.confirm(code);
      setRecoveryCodes(codes);
      return "Two-factor authentication is on.";
    });
  }

  if (recoveryCodes)
    return (
      <div>
        <FormMessages error={form.error} notice={form.notice} />
        <RecoveryCodes codes={recoveryCodes} />
        <button type="button" className="btn btn-small" onClick={onEnabled}>
          I saved my recovery codes
        </button>
      </div>
    );

  if (!enrolment)
    return (
      <div>
        <p className="muted">
          Sign-in will ask for a code from an authenticator app (1Password, Google Authenticator, Authy…) after the
          password.
        </p>
        <FormMessages error={form.error} notice={form.notice} />
        <button type="button" className="btn btn-small btn-primary" onClick={start} disabled={form.busy}>
          Set up two-factor authentication
        </button>
      </div>
    );

  return (
    <form onSubmit={confirm}>
      <p>Scan this QR code with your authenticator app, or type the key by hand.</p>
      <img
        className="two-factor-qr"
        src={`${ENROLMENT_QR_URL}?started=${enrolment.startedAt}`}
        alt="QR code for your authenticator app"
        width={220}
        height={220}
      />
      <p>
        Key: <code aria-label="Secret key">{enrolment.secret}</code>
      </p>
      <label className="field">
        <span>Code from the app</span>
        <input
          name="totp-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          required
        />
      </label>
      <FormMessages error={form.error} notice={form.notice} />
      <button type="submit" className="btn btn-small btn-primary" disabled={form.busy}>
        Turn on
      </button>
    </form>
  );
}
