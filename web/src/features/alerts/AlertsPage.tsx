import { Link } from "react-router";
import type { AlertRuleDetail } from "../../api/types";
import { useApi } from "../../api/use-api";
import { DeliveryLog } from "./DeliveryLog";
import { RulesTable } from "./RulesTable";
import { useAlertsProject } from "./use-alerts-project";

/** A project's alert rules and everything they sent. */
export function AlertsPage() {
  const project = useAlertsProject();
  const rules = useApi<AlertRuleDetail[]>(`${project.apiBase}alert-rules/`);
  return (
    <section className="page">
      <div className="page-head">
        <h1>Alerts · {project.name}</h1>
        <div className="toolbar">
          <Link className="btn" to={`/organizations/${project.orgSlug}/projects/${project.projectSlug}/`}>
            Project settings
          </Link>
          <Link className="btn btn-primary" to={`${project.pageBase}new/`}>
            New alert rule
          </Link>
        </div>
      </div>
      <section className="panel list-panel" aria-label="Alert rules">
        <h2 className="panel-title">Rules</h2>
        <RulesTable rules={rules} apiBase={project.apiBase} pageBase={project.pageBase} />
      </section>
      <DeliveryLog apiBase={project.apiBase} />
    </section>
  );
}
