import { itemErrors, type FieldErrors } from "./field-errors";
import { FieldMessage, invalidProps, replaceAt } from "./FieldMessage";
import { ChannelInputs } from "./ChannelInputs";
import { keepsStoredSecret, newAction, splitTargets, type ActionDraft } from "./rule-draft";

const ACTION_LABELS: Record<ActionDraft["type"], string> = {
  email: "Email",
  sms: "SMS",
  webhook: "Webhook",
  slack: "Slack",
  discord: "Discord",
  teams: "Microsoft Teams",
  mattermost: "Mattermost",
  rocketchat: "Rocket.Chat",
  googlechat: "Google Chat",
  telegram: "Telegram",
  pagerduty: "PagerDuty",
  opsgenie: "Opsgenie",
  ntfy: "ntfy",
};

interface Props {
  actions: ActionDraft[];
  errors: FieldErrors;
  onChange: (actions: ActionDraft[]) => void;
}

export function ActionsFieldset({ actions, errors, onChange }: Props) {
  return (
    <fieldset className="field rule-group">
      <legend>Actions</legend>
      {actions.map((action, i) => {
        const path = `actions[${i}]`;
        const change = (patch: Partial<ActionDraft>) => onChange(replaceAt(actions, i, patch));
        return (
          <div key={i} className="rule-item">
            <div className="rule-row">
              <select
                aria-label={`Action ${i + 1}`}
                value={action.type}
                onChange={(event) =>
                  onChange(replaceAt(actions, i, newAction(event.target.value as ActionDraft["type"])))
                }
              >
                {Object.entries(ACTION_LABELS).map(([type, label]) => (
                  <option key={type} value={type}>
                    {label}
                  </option>
                ))}
              </select>
              {action.type === "webhook" ? (
                <WebhookInputs action={action} n={i + 1} path={path} errors={errors} onChange={change} />
              ) : action.type !== "email" && action.type !== "sms" ? (
                <ChannelInputs action={action} n={i + 1} path={path} errors={errors} onChange={change} />
              ) : (
                <input
                  className="input-grow"
                  aria-label={`Action ${i + 1} ${action.type === "email" ? "email addresses" : "phone numbers"}`}
                  placeholder={action.type === "email" ? "oncall@example.com, dev@example.com" : "+15551234567"}
                  value={action.targets}
                  onChange={(event) => change({ targets: event.target.value })}
                  {...invalidTargets(path, errors)}
                />
              )}
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={`Remove action ${i + 1}`}
                onClick={() => onChange(actions.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </div>
            <FieldMessage path={path} message={errors[path]} />
            <FieldMessage path={`${path}.targets`} message={targetsMessage(action, path, errors)} />
            <FieldMessage path={`${path}.url`} message={errors[`${path}.url`]} />
            <FieldMessage path={`${path}.secret`} message={errors[`${path}.secret`]} />
            {SECRET_FIELDS.map((field) => (
              <FieldMessage key={field} path={`${path}.${field}`} message={errors[`${path}.${field}`]} />
            ))}
          </div>
        );
      })}
      <FieldMessage path="actions" message={errors.actions} />
      <div>
        <button
          type="button"
          className="btn btn-small"
          disabled={actions.length >= 10}
          onClick={() => onChange([...actions, newAction("webhook")])}
        >
          Add action
        </button>
      </div>
    </fieldset>
  );
}

/** Per-channel fields whose server messages show under the action (the inputs mark themselves invalid). */
const SECRET_FIELDS = ["botToken", "chatId", "routingKey", "apiKey", "priority", "topic", "token"] as const;

function WebhookInputs(props: {
  action: ActionDraft;
  n: number;
  path: string;
  errors: FieldErrors;
  onChange: (patch: Partial<ActionDraft>) => void;
}) {
  const { action, n, path, errors, onChange } = props;
  const keepsStored = keepsStoredSecret(action);
  return (
    <>
      <input
        type="url"
        className="input-grow"
        aria-label={`Action ${n} webhook URL`}
        placeholder="https://hooks.example.com/faultline"
        value={action.url}
        onChange={(event) => onChange({ url: event.target.value })}
        {...invalidProps(`${path}.url`, errors[`${path}.url`])}
      />
      <input
        type="password"
        autoComplete="new-password"
        aria-label={`Action ${n} signing secret`}
        placeholder={keepsStored ? "unchanged" : "signing secret, 8+ characters"}
        value={action.secret}
        onChange={(event) => onChange({ secret: event.target.value })}
        {...invalidProps(`${path}.secret`, errors[`${path}.secret`])}
      />
      <select
        aria-label={`Action ${n} format`}
        value={action.format}
        onChange={(event) => onChange({ format: event.target.value === "slack" ? "slack" : "json" })}
      >
        <option value="json">JSON</option>
        <option value="slack">Slack / Mattermost</option>
      </select>
    </>
  );
}

function invalidTargets(path: string, errors: FieldErrors) {
  const message = errors[`${path}.targets`] ?? itemErrors(errors, `${path}.targets`)[0]?.message;
  return invalidProps(`${path}.targets`, message);
}

/** "bad@: must be an email address": item messages name the address they are about. */
function targetsMessage(action: ActionDraft, path: string, errors: FieldErrors): string | undefined {
  const targets = splitTargets(action.targets);
  const items = itemErrors(errors, `${path}.targets`).map(
    ({ index, message }) => `${targets[index] ?? `#${index + 1}`}: ${message}`,
  );
  const all = [errors[`${path}.targets`], ...items].filter(Boolean);
  return all.length ? all.join("; ") : undefined;
}
