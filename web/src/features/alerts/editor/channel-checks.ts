import { isChatUrlType, keepsStoredSecret, type ActionDraft } from "./rule-draft";

type Add = (path: string, message: string | undefined) => void;

/** The same patterns the server checks (core's channel action schemas), worded the same. */
const BOT_TOKEN = /^\d{3,20}:[A-Za-z0-9_-]{20,100}$/;
const CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/;
const ROUTING_KEY = /^[A-Za-z0-9]{20,64}$/;
const OPSGENIE_KEY = /^[A-Za-z0-9-]{8,200}$/;
const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
const NTFY_TOKEN = /^[!-~]{8,200}$/;

export function isHttpUrl(text: string): boolean {
  const url = text.trim();
  return /^https?:\/\/[^\s/]+/i.test(url) && URL.canParse(url);
}

/** A write-only field: empty keeps the stored one (same chat/topic/place), else it must match. */
function checkSecret(action: ActionDraft, path: string, pattern: RegExp, message: string, add: Add, optional = false) {
  const secret = action.secret.trim();
  if (secret === "") {
    if (keepsStoredSecret(action) || optional) return;
    add(path, action.storedSecretUrl !== null ? "enter it again: the chat or topic changed" : "is required");
    return;
  }
  if (!pattern.test(secret)) add(path, message);
}

/** Client checks of the chat and paging channels (false: not one of them). */
export function checkChannelAction(action: ActionDraft, path: string, add: Add): boolean {
  if (isChatUrlType(action.type)) {
    if (!isHttpUrl(action.url)) add(`${path}.url`, "must be an http(s) URL");
    return true;
  }
  switch (action.type) {
    case "telegram":
      if (!CHAT_ID.test(action.chatId.trim()))
        add(`${path}.chatId`, "must be a numeric chat id or a channel's @username");
      checkSecret(action, `${path}.botToken`, BOT_TOKEN, 'must be a bot token like "123456:ABC-DEF..."', add);
      return true;
    case "pagerduty":
      checkSecret(
        action,
        `${path}.routingKey`,
        ROUTING_KEY,
        "must be an Events API v2 integration key (32 letters and digits)",
        add,
      );
      return true;
    case "opsgenie":
      checkSecret(action, `${path}.apiKey`, OPSGENIE_KEY, "must be an Opsgenie API integration key", add);
      return true;
    case "ntfy":
      if (!TOPIC.test(action.topic.trim())) add(`${path}.topic`, "must be 1 to 64 letters, digits, - or _");
      checkSecret(action, `${path}.token`, NTFY_TOKEN, "must be 8 to 200 printable characters", add, true);
      return true;
    default:
      return false;
  }
}
