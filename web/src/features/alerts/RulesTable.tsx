import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/endpoints";
import type { AlertRuleDetail } from "../../api/types";
import type { ApiState } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { formatDateTime } from "../../lib/time";
import { actionsSummary, isSnoozed, triggersSummary } from "./summaries";
import { errorText } from "./use-alerts-project";

/** The project's rules: what fires them, where they send, on/off, snoozed, last fired. */
export function RulesTable(props: { rules: ApiState<AlertRuleDetail[]>; apiBase: string; pageBase: string }) {
  const { rules, apiBase, pageBase } = props;
  const [error, setError] = useState<string>();

  async function toggle(rule: AlertRuleDetail) {
    setError(undefined);
    try {
      await api.updateAlertRule(apiBase, rule.id, { enabled: !rule.enabled });
      rules.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  if (rules.error) return <ErrorState error={rules.error} onRetry={rules.reload} />;
  if (!rules.data) return <PanelSkeleton />;
  if (rules.data.length === 0)
    return (
      <EmptyState title="No alert rules yet">
        A rule sends email, SMS or a webhook when an issue is new, comes back, or gets busy.
      </EmptyState>
    );
  return (
    <>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="table-scroll">
        <table className="table rules-table">
          <thead>
            <tr>
              <th>Rule</th>
              <th>Enabled</th>
              <th>Fires on</th>
              <th>Sends to</th>
              <th>Last fired</th>
            </tr>
          </thead>
          <tbody>
            {rules.data.map((rule) => (
              <tr key={rule.id}>
                <td>
                  <Link to={`${pageBase}${rule.id}/`}>{rule.name}</Link>
                  {isSnoozed(rule.snoozedUntil) && rule.snoozedUntil ? (
                    <div className="muted small">
                      <span className="status status-ignored">snoozed</span> until {formatDateTime(rule.snoozedUntil)}
                    </div>
                  ) : null}
                </td>
                <td>
                  <label className="inline-field">
                    <input
                      type="checkbox"
                      role="switch"
                      aria-label={`Enabled: ${rule.name}`}
                      checked={rule.enabled}
                      onChange={() => void toggle(rule)}
                    />
                    <span className="muted small">{rule.enabled ? "on" : "off"}</span>
                  </label>
                </td>
                <td className="small">{triggersSummary(rule.triggers, rule.triggerMatch)}</td>
                <td className="small cell-wrap">{actionsSummary(rule.actions)}</td>
                <td className="small">
                  {rule.lastFired ? <TimeAgo iso={rule.lastFired} /> : <span className="muted">never</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
