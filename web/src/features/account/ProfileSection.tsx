import { useEffect, useState, type FormEvent } from "react";
import { apiSend } from "../../api/client";
import type { User } from "../../api/types";
import { useAuth } from "../auth/auth-context";
import { FormMessages } from "./FormMessages";
import { useFormAction } from "./use-form-action";

/** The name others see on comments and assignments, and the email the account signs in with. */
export function ProfileSection() {
  const { auth, refresh } = useAuth();
  const user = auth.status === "authenticated" ? auth.user : undefined;
  const [name, setName] = useState(user?.name ?? "");
  const form = useFormAction();
  useEffect(() => setName(user?.name ?? ""), [user?.name]);

  function save(event: FormEvent) {
    event.preventDefault();
    void form.run(async () => {
      await apiSend<User>("PUT", "/users/me/", { name });
      await refresh();
      return "Saved.";
    });
  }

  return (
    <section className="panel">
      <h2>Profile</h2>
      <form onSubmit={save}>
        <label className="field">
          <span>Name</span>
          <input name="name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
        </label>
        <label className="field">
          <span>Email</span>
          <input name="email" type="email" value={user?.email ?? ""} readOnly />
          <span className="muted small">You sign in with this address.</span>
        </label>
        <FormMessages error={form.error} notice={form.notice} />
        <button type="submit" className="btn btn-small" disabled={form.busy}>
          Save profile
        </button>
      </form>
    </section>
  );
}
