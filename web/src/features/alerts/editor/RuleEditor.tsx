import type { AlertRule } from "@faultline/contracts";
import { useId, useRef, useState, type FormEvent } from "react";
import { ApiError } from "../../../api/client";
import { ActionsFieldset } from "./ActionsFieldset";
import { checkDraft, errorsFromDetail, unplacedErrors, type FieldErrors } from "./field-errors";
import { FieldMessage, invalidProps } from "./FieldMessage";
import { FiltersFieldset } from "./FiltersFieldset";
import { buildRuleBody, type RuleDraft } from "./rule-draft";
import { TriggersFieldset } from "./TriggersFieldset";

interface Props {
  initial: RuleDraft;
  submitLabel: string;
  /** Sends the rule; an ApiError 400 is shown by field, anything else above the buttons. */
  onSave: (body: AlertRule) => Promise<void>;
  onCancel?: () => void;
}

/** The rule form: triggers, filters, actions and timing, checked here and again by the server. */
export function RuleEditor({ initial, submitLabel, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  const change = (patch: Partial<RuleDraft>) => setDraft((current) => ({ ...current, ...patch }));

  function showErrors(found: FieldErrors, summary: string) {
    setErrors(found);
    const unplaced = unplacedErrors(found);
    setProblem([summary, ...unplaced].join(" "));
    // After React has rendered the messages: take the person to the first field that needs them.
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkDraft(draft);
    if (Object.keys(found).length > 0) return showErrors(found, "Check the highlighted fields.");
    setErrors({});
    setProblem(undefined);
    setSaving(true);
    try {
      await onSave(buildRuleBody(draft));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 400)
        showErrors(errorsFromDetail(failure.detail), "The server refused the rule: check the highlighted fields.");
      else setProblem(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form ref={form} className="panel form rule-editor" noValidate onSubmit={(event) => void submit(event)}>
      <div className="rule-head">
        <div className="field rule-name">
          <label htmlFor={`${id}-name`}>Rule name</label>
          <input
            id={`${id}-name`}
            value={draft.name}
            placeholder="New errors to on-call"
            onChange={(event) => change({ name: event.target.value })}
            {...invalidProps("name", errors.name)}
          />
          <FieldMessage path="name" message={errors.name} />
        </div>
        <label className="check">
          <input type="checkbox" checked={draft.enabled} onChange={() => change({ enabled: !draft.enabled })} />
          Enabled
        </label>
      </div>
      <TriggersFieldset
        triggers={draft.triggers}
        triggerMatch={draft.triggerMatch}
        errors={errors}
        onChange={(triggers) => change({ triggers })}
        onMatchChange={(triggerMatch) => change({ triggerMatch })}
      />
      <FiltersFieldset filters={draft.filters} errors={errors} onChange={(filters) => change({ filters })} />
      <ActionsFieldset actions={draft.actions} errors={errors} onChange={(actions) => change({ actions })} />
      <div className="two-columns">
        <NumberField
          path="actionIntervalMinutes"
          label="Notify about one issue at most every (minutes)"
          min={1}
          value={draft.actionIntervalMinutes}
          error={errors.actionIntervalMinutes}
          onChange={(actionIntervalMinutes) => change({ actionIntervalMinutes })}
        />
        <NumberField
          path="digestMinutes"
          label="Digest window (minutes, 0 sends at once)"
          min={0}
          value={draft.digestMinutes}
          error={errors.digestMinutes}
          onChange={(digestMinutes) => change({ digestMinutes })}
        />
        <div className="field">
          <label htmlFor={`${id}-snooze`}>Snoozed until (empty: not snoozed)</label>
          <input
            id={`${id}-snooze`}
            type="datetime-local"
            value={draft.snoozedUntil}
            onChange={(event) => change({ snoozedUntil: event.target.value })}
            {...invalidProps("snoozedUntil", errors.snoozedUntil)}
          />
          {draft.snoozedUntil ? (
            <button type="button" className="link-button" onClick={() => change({ snoozedUntil: "" })}>
              Clear the snooze
            </button>
          ) : null}
          <FieldMessage path="snoozedUntil" message={errors.snoozedUntil} />
        </div>
      </div>
      {problem ? (
        <div className="form-error" role="alert">
          {problem}
        </div>
      ) : null}
      <div className="toolbar">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? "Saving…" : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

function NumberField(props: {
  path: string;
  label: string;
  min: number;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        min={props.min}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        {...invalidProps(props.path, props.error)}
      />
      <FieldMessage path={props.path} message={props.error} />
    </div>
  );
}
