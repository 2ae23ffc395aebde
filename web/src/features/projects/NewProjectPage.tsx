import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api } from "../../api/endpoints";
import { useOrg } from "../layout/org-context";
import { PLATFORMS } from "./platforms";

export function NewProjectPage() {
  const { org, reloadOrg } = useOrg();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [platform, setPlatform] = useState<string>("javascript");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const project = await api.createProject(org.slug, { name, platform });
      reloadOrg();
      await navigate(`/organizations/${org.slug}/projects/${project.slug}/`);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page page-narrow">
      <h1>New project</h1>
      <form className="panel form" onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span>Name</span>
          <input name="name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
        </label>
        <fieldset className="field">
          <legend>Platform</legend>
          <div className="platforms">
            {PLATFORMS.map((item) => (
              <label key={item.value} className={`platform-choice${platform === item.value ? " selected" : ""}`}>
                <input
                  type="radio"
                  name="platform"
                  value={item.value}
                  checked={platform === item.value}
                  onChange={() => setPlatform(item.value)}
                />
                {item.label}
              </label>
            ))}
          </div>
        </fieldset>
        {error ? (
          <div className="form-error" role="alert">
            {error}
          </div>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Creating…" : "Create project"}
        </button>
      </form>
    </section>
  );
}
