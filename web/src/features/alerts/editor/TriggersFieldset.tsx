import type { FieldErrors } from "./field-errors";
import { FieldMessage, invalidProps, replaceAt } from "./FieldMessage";
import { newTrigger, type RuleDraft, type TriggerDraft } from "./rule-draft";

const TRIGGER_LABELS: Record<TriggerDraft["type"], string> = {
  first_seen: "A new issue is created",
  regression: "A resolved issue comes back (regression)",
  event_frequency: "An issue has many events",
  unique_users: "An issue affects many users",
};

interface Props {
  triggers: TriggerDraft[];
  triggerMatch: RuleDraft["triggerMatch"];
  errors: FieldErrors;
  onChange: (triggers: TriggerDraft[]) => void;
  onMatchChange: (match: RuleDraft["triggerMatch"]) => void;
}

export function TriggersFieldset({ triggers, triggerMatch, errors, onChange, onMatchChange }: Props) {
  return (
    <fieldset className="field rule-group">
      <legend>Triggers</legend>
      <label className="inline-field">
        <span className="muted">Fire when</span>
        <select
          aria-label="Trigger match"
          value={triggerMatch}
          onChange={(event) => onMatchChange(event.target.value === "all" ? "all" : "any")}
        >
          <option value="any">any</option>
          <option value="all">all</option>
        </select>
        <span className="muted">of these happen:</span>
      </label>
      {triggers.map((trigger, i) => {
        const path = `triggers[${i}]`;
        const countError = errors[`${path}.value`];
        const intervalError = errors[`${path}.interval`];
        return (
          <div key={i} className="rule-item">
            <div className="rule-row">
              <select
                aria-label={`Trigger ${i + 1}`}
                value={trigger.type}
                onChange={(event) =>
                  onChange(replaceAt(triggers, i, newTrigger(event.target.value as TriggerDraft["type"])))
                }
              >
                {Object.entries(TRIGGER_LABELS).map(([type, label]) => (
                  <option key={type} value={type}>
                    {label}
                  </option>
                ))}
              </select>
              {trigger.type === "event_frequency" || trigger.type === "unique_users" ? (
                <>
                  <span className="muted">at least</span>
                  <input
                    type="number"
                    min={1}
                    className="input-count"
                    aria-label={`Trigger ${i + 1} ${trigger.type === "unique_users" ? "users" : "events"}`}
                    value={trigger.value}
                    onChange={(event) => onChange(replaceAt(triggers, i, { value: event.target.value }))}
                    {...invalidProps(`${path}.value`, countError)}
                  />
                  <span className="muted">{trigger.type === "unique_users" ? "users in" : "events in"}</span>
                  <input
                    className="input-interval"
                    aria-label={`Trigger ${i + 1} interval`}
                    placeholder="1h"
                    value={trigger.interval}
                    onChange={(event) => onChange(replaceAt(triggers, i, { interval: event.target.value }))}
                    {...invalidProps(`${path}.interval`, intervalError)}
                  />
                </>
              ) : null}
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={`Remove trigger ${i + 1}`}
                onClick={() => onChange(triggers.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </div>
            <FieldMessage path={path} message={errors[path]} />
            <FieldMessage path={`${path}.value`} message={countError} />
            <FieldMessage path={`${path}.interval`} message={intervalError} />
          </div>
        );
      })}
      <FieldMessage path="triggers" message={errors.triggers} />
      <div>
        <button
          type="button"
          className="btn btn-small"
          disabled={triggers.length >= 10}
          onClick={() => onChange([...triggers, newTrigger("event_frequency")])}
        >
          Add trigger
        </button>
      </div>
    </fieldset>
  );
}
