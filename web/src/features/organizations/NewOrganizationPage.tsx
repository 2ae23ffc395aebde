import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { apiSend } from "../../api/client";
import type { Organization } from "../../api/types";
import { useAuth } from "../auth/auth-context";
import { announceOrganizationsChanged } from "../layout/organizations-changed";
import { SLUG_PATTERN, SLUG_RULE } from "../settings/slug";
import "../settings/settings.css";

/**
 * Sentry's organization creation. The API allows it to superusers (the install's administrators)
 * alone; anyone else is told whom to ask rather than shown a form the server would refuse.
 */
export function NewOrganizationPage() {
  const { auth } = useAuth();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const allowed = auth.status === "authenticated" && auth.user.isSuperuser === true;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    if (name.trim() === "") return setError("Name: give a name.");
    if (slug.trim() !== "" && !SLUG_PATTERN.test(slug.trim())) return setError(`Slug: ${SLUG_RULE}.`);
    setBusy(true);
    try {
      const created = await apiSend<Organization>("POST", "/organizations/", {
        name: name.trim(),
        ...(slug.trim() ? { slug: slug.trim() } : {}),
      });
      announceOrganizationsChanged();
      // A new organization has nothing to show until it has a project: start there.
      await navigate(`/organizations/${created.slug}/projects/new/`);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <section className="page page-narrow">
      <h1>New organization</h1>
      {!allowed ? (
        <p className="muted" role="status">
          Only the administrators of this Faultline install create organizations. Ask one to create it and add you as
          its owner.
        </p>
      ) : null}
      <form className="panel form" aria-label="New organization" onSubmit={(event) => void submit(event)}>
        <fieldset className="plain-fieldset" disabled={!allowed || busy}>
          <label className="field">
            <span>Name</span>
            <input type="text" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
          </label>
          <label className="field">
            <span>Slug (optional)</span>
            <input
              type="text"
              value={slug}
              maxLength={50}
              placeholder="made from the name"
              onChange={(event) => setSlug(event.target.value)}
            />
          </label>
          <button type="submit" className="btn btn-primary">
            {busy ? "Creating…" : "Create organization"}
          </button>
        </fieldset>
        {error ? (
          <div className="form-error" role="alert">
            {error}
          </div>
        ) : null}
      </form>
    </section>
  );
}
