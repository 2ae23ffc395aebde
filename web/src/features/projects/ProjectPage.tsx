import { useState } from "react";
import { Link, useParams } from "react-router";
import type { ProjectDetail, ProjectKey } from "../../api/types";
import { useApi } from "../../api/use-api";
import { CopyButton } from "../../components/ui/CopyButton";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";
import { KeysPanel } from "./KeysPanel";
import { ProcessingPanel } from "./ProcessingPanel";
import { defaultSnippet, snippetFor, type SnippetKind } from "./platforms";

const TABS: { kind: SnippetKind; label: string }[] = [
  { kind: "browser", label: "Browser JS" },
  { kind: "node", label: "Node.js" },
  { kind: "python", label: "Python" },
  { kind: "generic", label: "Other" },
];

/** A project's DSN(s) with copy buttons and set-up snippets per SDK. */
export function ProjectPage() {
  const { org } = useOrg();
  const { project: slug = "" } = useParams();
  const project = useApi<ProjectDetail>(`/projects/${org.slug}/${encodeURIComponent(slug)}/`);
  const keys = useApi<ProjectKey[]>(`/projects/${org.slug}/${encodeURIComponent(slug)}/keys/`);
  const [tab, setTab] = useState<SnippetKind | undefined>();
  if (project.error) return <ErrorState error={project.error} onRetry={project.reload} />;
  if (!project.data) return <PanelSkeleton />;
  const kind = tab ?? defaultSnippet(project.data.platform);
  const key = keys.data?.find((item) => item.isActive) ?? keys.data?.[0];

  return (
    <section className="page">
      <div className="page-head">
        <h1>{project.data.name}</h1>
        <div className="toolbar">
          <Link className="btn" to={`/organizations/${org.slug}/projects/${project.data.slug}/alerts/`}>
            Alerts
          </Link>
          <Link className="btn" to={`/organizations/${org.slug}/projects/${project.data.slug}/releases/`}>
            Releases
          </Link>
          <Link className="btn" to={`/organizations/${org.slug}/projects/${project.data.slug}/users/`}>
            Users affected
          </Link>
          <Link className="btn" to={`/organizations/${org.slug}/projects/${project.data.slug}/user-feedback/`}>
            User feedback
          </Link>
          <Link className="btn" to={`/organizations/${org.slug}/projects/${project.data.slug}/monitors/`}>
            Cron monitors
          </Link>
          <Link className="btn" to={`/organizations/${org.slug}/issues/?project=${project.data.id}`}>
            View issues
          </Link>
          <Link className="btn" to={`/organizations/${org.slug}/settings/projects/${project.data.slug}/`}>
            Project settings
          </Link>
        </div>
      </div>
      <KeysPanel basePath={`/projects/${org.slug}/${encodeURIComponent(slug)}/`} keys={keys} />
      {key ? (
        <div className="panel">
          <h2>Set up an SDK</h2>
          <div className="tabs" role="tablist">
            {TABS.map((item) => (
              <button
                key={item.kind}
                type="button"
                role="tab"
                aria-selected={kind === item.kind}
                className={`tab${kind === item.kind ? " active" : ""}`}
                onClick={() => setTab(item.kind)}
              >
                {item.label}
              </button>
            ))}
          </div>
          <div className="code-block">
            <div className="code-actions">
              <CopyButton text={snippetFor(kind, key.dsn.public)} />
            </div>
            <pre>{snippetFor(kind, key.dsn.public)}</pre>
          </div>
        </div>
      ) : null}
      <ProcessingPanel
        key={project.data.id}
        project={project.data}
        path={`/projects/${org.slug}/${encodeURIComponent(slug)}/`}
        onSaved={project.reload}
      />
    </section>
  );
}
