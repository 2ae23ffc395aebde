import { Link, useNavigate } from "react-router";
import { api } from "../../api/endpoints";
import { RuleEditor } from "./editor/RuleEditor";
import { emptyDraft } from "./editor/rule-draft";
import { useAlertsProject } from "./use-alerts-project";

export function NewRulePage() {
  const project = useAlertsProject();
  const navigate = useNavigate();
  return (
    <section className="page">
      <div className="page-head">
        <h1>New alert rule · {project.name}</h1>
        <Link className="btn" to={project.pageBase}>
          All alerts
        </Link>
      </div>
      <RuleEditor
        initial={emptyDraft()}
        submitLabel="Create rule"
        onSave={async (body) => {
          const created = await api.createAlertRule(project.apiBase, body);
          await navigate(`${project.pageBase}${created.id}/`);
        }}
        onCancel={() => void navigate(project.pageBase)}
      />
    </section>
  );
}
