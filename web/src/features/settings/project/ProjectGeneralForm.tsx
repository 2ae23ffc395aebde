import { useState, type FormEvent } from "react";
import { apiSend } from "../../../api/client";
import type { ProjectDetail } from "../../../api/types";
import { nameAndSlugProblem } from "../slug";

/** A project's name and slug. The DSN names the project by id, so a new slug breaks no SDK. */
export function ProjectGeneralForm(props: {
  project: ProjectDetail;
  path: string;
  allowed: boolean;
  onSaved: (saved: ProjectDetail) => void;
}) {
  const { project } = props;
  const [name, setName] = useState(project.name);
  const [slug, setSlug] = useState(project.slug);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setNotice(undefined);
    const problem = nameAndSlugProblem(name, slug);
    if (problem) return setError(problem);
    const body: { name?: string; slug?: string } = {};
    if (name.trim() !== project.name) body.name = name.trim();
    if (slug.trim() !== project.slug) body.slug = slug.trim();
    if (Object.keys(body).length === 0) return setNotice("Nothing changed.");
    setBusy(true);
    try {
      const saved = await apiSend<ProjectDetail>("PUT", props.path, body);
      setNotice("Saved.");
      props.onSaved(saved);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel settings-form" aria-label="Project name" onSubmit={(event) => void submit(event)}>
      <h2>General</h2>
      <fieldset className="plain-fieldset" disabled={!props.allowed || busy}>
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
          <span className="muted small">In the project’s addresses. DSNs use the project’s id and keep working.</span>
        </label>
        <button type="submit" className="btn btn-primary">
          {busy ? "Saving…" : "Save name"}
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
