import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api } from "../../api/endpoints";
import type { AlertRuleDetail } from "../../api/types";
import { useApi } from "../../api/use-api";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { DeliveryLog } from "./DeliveryLog";
import { RuleEditor } from "./editor/RuleEditor";
import { draftFromRule } from "./editor/rule-draft";
import { RuleHistory } from "./RuleHistory";
import { errorText, useAlertsProject } from "./use-alerts-project";
import { useSendTest } from "./use-send-test";

/** One rule: its editor, "Send test", delete, its firings and its deliveries. */
export function RulePage() {
  const project = useAlertsProject();
  const { ruleId = "" } = useParams();
  const navigate = useNavigate();
  const rule = useApi<AlertRuleDetail>(`${project.apiBase}alert-rules/${encodeURIComponent(ruleId)}/`);
  const [sentTests, setSentTests] = useState(0);
  const test = useSendTest(project.apiBase, ruleId, () => setSentTests((n) => n + 1));
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();

  async function remove(name: string) {
    if (!window.confirm(`Delete the alert rule "${name}"? Its history goes with it.`)) return;
    try {
      await api.deleteAlertRule(project.apiBase, ruleId);
      await navigate(project.pageBase);
    } catch (failure) {
      setNotice({ ok: false, text: errorText(failure) });
    }
  }

  if (rule.error) return <ErrorState error={rule.error} onRetry={rule.reload} />;
  if (!rule.data) return <PanelSkeleton />;
  const { data } = rule;
  return (
    <section className="page">
      <div className="page-head">
        <h1>{data.name}</h1>
        <div className="toolbar">
          <Link className="btn" to={project.pageBase}>
            All alerts
          </Link>
          <button type="button" className="btn" disabled={test.sending} onClick={() => void test.send()}>
            {test.sending ? "Sending…" : "Send test"}
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void remove(data.name)}>
            Delete
          </button>
        </div>
      </div>
      {[test.result, notice].map((message, i) =>
        message ? (
          <div
            key={i}
            className={`panel notice${message.ok ? "" : " form-error"}`}
            role={message.ok ? "status" : "alert"}
          >
            {message.text}
          </div>
        ) : null,
      )}
      <RuleEditor
        // A saved rule comes back as the new starting point (secrets masked again).
        key={data.dateUpdated}
        initial={draftFromRule(data)}
        submitLabel="Save rule"
        onSave={async (body) => {
          await api.updateAlertRule(project.apiBase, ruleId, body);
          setNotice({ ok: true, text: "Saved." });
          rule.reload();
        }}
      />
      <RuleHistory
        path={`${project.apiBase}alert-rules/${encodeURIComponent(ruleId)}/history/`}
        orgSlug={project.orgSlug}
      />
      <DeliveryLog apiBase={project.apiBase} ruleId={ruleId} title="Deliveries of this rule" reloadKey={sentTests} />
    </section>
  );
}
