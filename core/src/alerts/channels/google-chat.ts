import type { Notification } from "../notification";
import { truncate } from "../render/headline";
import { breakMentions, escapeChatHtml } from "./escape";

/** Header text is plain, but whether a client reads `<...>` there is not documented: look-alikes are safe either way. */
const plainHeader = (text: string) => breakMentions(text.replace(/</g, "\u2039").replace(/>/g, "\u203a"));
import { countWords, messageFacts } from "./message-facts";

/**
 * A Google Chat incoming-webhook body: one card (cardsV2). Header titles are plain text;
 * decoratedText reads simple HTML, so event text there is HTML-escaped. No `text` field:
 * message text reads `<users/all>` mentions and `<url|text>` links.
 */
export function renderGoogleChat(notification: Notification): Record<string, unknown> {
  const facts = messageFacts(notification);
  const line = (topLabel: string, text: string) => ({ decoratedText: { topLabel, text: escapeChatHtml(text) } });
  const issueSections = facts.issues.map((issue) => ({
    header: escapeChatHtml(truncate(issue.title, 200)),
    widgets: [
      line("Culprit", issue.culprit),
      { textParagraph: { text: countWords(issue) } },
      { buttonList: { buttons: [{ text: "View issue", onClick: { openLink: { url: issue.link } } }] } },
    ],
  }));
  return {
    cardsV2: [
      {
        cardId: "faultline-alert",
        card: {
          header: { title: truncate(plainHeader(facts.headline), 200), subtitle: plainHeader(facts.project) },
          sections: [
            ...issueSections,
            {
              widgets: [
                ...(facts.environment ? [line("Environment", facts.environment)] : []),
                ...(facts.release ? [line("Release", facts.release)] : []),
                line("Rule", `${facts.rule} · ${facts.triggers}`),
                ...(facts.moreIssues > 0 ? [{ textParagraph: { text: `and ${facts.moreIssues} more` } }] : []),
              ],
            },
          ],
        },
      },
    ],
  };
}
