import type { FieldErrors } from "./field-errors";
import { invalidProps } from "./FieldMessage";
import { isChatUrlType, keepsStoredSecret, type ActionDraft } from "./rule-draft";

/** Where each chat tool's incoming-webhook URL comes from, as a placeholder. */
const URL_PLACEHOLDERS: Record<string, string> = {
  slack: "https://hooks.slack.com/services/T000/B000/XXXX",
  discord: "https://discord.com/api/webhooks/123/abc",
  teams: "https://prod-00.westus.logic.azure.com/workflows/...",
  mattermost: "https://mattermost.example.com/hooks/xxx",
  rocketchat: "https://chat.example.com/hooks/xxx/yyy",
  googlechat: "https://chat.googleapis.com/v1/spaces/AAA/messages?key=...&token=...",
};

interface Props {
  action: ActionDraft;
  n: number;
  path: string;
  errors: FieldErrors;
  onChange: (patch: Partial<ActionDraft>) => void;
}

/**
 * The fields of the chat and paging channels: a webhook URL for chat tools; a token plus a
 * chat id, topic or priority for Telegram, PagerDuty, Opsgenie and ntfy. Tokens are
 * write-only: left empty, an existing action keeps the one stored.
 */
export function ChannelInputs({ action, n, path, errors, onChange }: Props) {
  if (isChatUrlType(action.type))
    return (
      <input
        type="url"
        className="input-grow"
        aria-label={`Action ${n} webhook URL`}
        placeholder={URL_PLACEHOLDERS[action.type]}
        value={action.url}
        onChange={(event) => onChange({ url: event.target.value })}
        {...invalidProps(`${path}.url`, errors[`${path}.url`])}
      />
    );
  const secretField =
    action.type === "telegram"
      ? { name: "botToken", label: "bot token", hint: "123456:ABC-DEF..." }
      : action.type === "pagerduty"
        ? { name: "routingKey", label: "integration key", hint: "Events API v2 integration key" }
        : action.type === "opsgenie"
          ? { name: "apiKey", label: "API key", hint: "API integration key" }
          : { name: "token", label: "access token", hint: "access token (optional)" };
  const kept = keepsStoredSecret(action);
  return (
    <>
      {action.type === "telegram" && (
        <input
          aria-label={`Action ${n} chat id`}
          placeholder="-1001234567890 or @channel"
          value={action.chatId}
          onChange={(event) => onChange({ chatId: event.target.value })}
          {...invalidProps(`${path}.chatId`, errors[`${path}.chatId`])}
        />
      )}
      {action.type === "ntfy" && (
        <input
          aria-label={`Action ${n} topic`}
          placeholder="an-unguessable-topic"
          value={action.topic}
          onChange={(event) => onChange({ topic: event.target.value })}
          {...invalidProps(`${path}.topic`, errors[`${path}.topic`])}
        />
      )}
      <input
        type="password"
        autoComplete="new-password"
        className="input-grow"
        aria-label={`Action ${n} ${secretField.label}`}
        placeholder={kept ? "unchanged" : secretField.hint}
        value={action.secret}
        onChange={(event) => onChange({ secret: event.target.value })}
        {...invalidProps(`${path}.${secretField.name}`, errors[`${path}.${secretField.name}`])}
      />
      {action.type === "opsgenie" && (
        <select
          aria-label={`Action ${n} priority`}
          value={action.priority}
          onChange={(event) => onChange({ priority: event.target.value })}
        >
          {["P1", "P2", "P3", "P4", "P5"].map((priority) => (
            <option key={priority} value={priority}>
              {priority}
            </option>
          ))}
        </select>
      )}
    </>
  );
}
