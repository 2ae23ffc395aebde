import { useState, type FormEvent } from "react";
import { apiSend } from "../../api/client";
import type { OrganizationDetail } from "../../api/types";
import { canManageOrganization, MANAGERS_ONLY } from "./permissions";
import { nameAndSlugProblem } from "./slug";

type Saved = Pick<OrganizationDetail, "slug" | "name">;

/**
 * Name, slug and Sentry's organization toggles. A toggle appears only when the organization's
 * JSON carries its field: a server without the setting neither shows nor receives it.
 */
export function OrganizationForm({ org, onSaved }: { org: OrganizationDetail; onSaved: (saved: Saved) => void }) {
  const [name, setName] = useState(org.name);
  const [slug, setSlug] = useState(org.slug);
  const [require2FA, setRequire2FA] = useState(org.require2FA);
  const [openMembership, setOpenMembership] = useState(org.openMembership);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const allowed = canManageOrganization(org);

  // Only what changed is sent: a field the server does not know is never sent unasked.
  function changes(): Record<string, string | boolean> {
    const body: Record<string, string | boolean> = {};
    if (name.trim() !== org.name) body.name = name.trim();
    if (slug.trim() !== org.slug) body.slug = slug.trim();
    if (require2FA !== undefined && require2FA !== org.require2FA) body.require2FA = require2FA;
    if (openMembership !== undefined && openMembership !== org.openMembership) body.openMembership = openMembership;
    return body;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setNotice(undefined);
    const problem = nameAndSlugProblem(name, slug);
    if (problem) return setError(problem);
    const body = changes();
    if (Object.keys(body).length === 0) return setNotice("Nothing changed.");
    setBusy(true);
    try {
      const saved = await apiSend<Saved>("PUT", `/organizations/${encodeURIComponent(org.slug)}/`, body);
      setNotice("Saved.");
      onSaved(saved);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel settings-form" aria-label="Organization settings" onSubmit={(event) => void submit(event)}>
      <h2>General</h2>
      {!allowed ? <p className="muted small">{MANAGERS_ONLY}</p> : null}
      <fieldset className="plain-fieldset" disabled={!allowed || busy}>
        <label className="field">
          <span>Name</span>
          <input
            type="text"
            aria-label="Name"
            value={name}
            maxLength={200}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label className="field">
          <span>Slug</span>
          <input
            type="text"
            aria-label="Slug"
            value={slug}
            maxLength={50}
            onChange={(event) => setSlug(event.target.value)}
          />
          <span className="muted small">In every address of the organization; old links stop working.</span>
        </label>
        {require2FA !== undefined ? (
          <label className="toggle-field">
            <input type="checkbox" checked={require2FA} onChange={(event) => setRequire2FA(event.target.checked)} />
            <span>
              Require two-factor authentication
              <span className="muted small">
                {" "}
                — members without it must turn it on before they use this organization (turn yours on first).
              </span>
            </span>
          </label>
        ) : null}
        {openMembership !== undefined ? (
          <label className="toggle-field">
            <input
              type="checkbox"
              checked={openMembership}
              onChange={(event) => setOpenMembership(event.target.checked)}
            />
            <span>
              Open membership
              <span className="muted small">
                {" "}
                — every member sees every project; off, members see their teams’ projects.
              </span>
            </span>
          </label>
        ) : null}
        <button type="submit" className="btn btn-primary">
          {busy ? "Saving…" : "Save changes"}
        </button>
      </fieldset>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      {notice ? (
        <div className="form-notice" role="status">
          {notice}
        </div>
      ) : null}
    </form>
  );
}
