import { useState, type FormEvent } from "react";
import { apiSend } from "../../api/client";
import { FormMessages } from "./FormMessages";
import { useFormAction } from "./use-form-action";

/** Changing the password needs the current one; every other browser is signed out. */
export function PasswordSection() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [verify, setVerify] = useState("");
  const form = useFormAction();

  function change(event: FormEvent) {
    event.preventDefault();
    void form
      .run(async () => {
        await apiSend("PUT", "/users/me/password/", { password: current, passwordNew: next, passwordVerify: verify });
        return "Password changed. Other browsers were signed out.";
      })
      .then((ok) => {
        if (!ok) return;
        setCurrent("");
        setNext("");
        setVerify("");
      });
  }

  return (
    <section className="panel">
      <h2>Password</h2>
      <form onSubmit={change}>
        <label className="field">
          <span>Current password</span>
          <input
            name="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>New password</span>
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(event) => setNext(event.target.value)}
            required
            minLength={8}
          />
        </label>
        <label className="field">
          <span>New password again</span>
          <input
            name="verify-password"
            type="password"
            autoComplete="new-password"
            value={verify}
            onChange={(event) => setVerify(event.target.value)}
            required
          />
        </label>
        <FormMessages error={form.error} notice={form.notice} />
        <button type="submit" className="btn btn-small" disabled={form.busy}>
          Change password
        </button>
      </form>
    </section>
  );
}
