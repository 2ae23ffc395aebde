import type { Notification } from "../notification";
import { breakMentions } from "./escape";
import { countWords, messageFacts } from "./message-facts";

/** A RichTextBlock of TextRuns: Adaptive Cards never read markdown in a TextRun, so no escaping is needed. */
function richText(runs: Record<string, unknown>[]): Record<string, unknown> {
  return { type: "RichTextBlock", inlines: runs.map((run) => ({ type: "TextRun", ...run })) };
}

/**
 * A Microsoft Teams Workflows ("Post to a channel when a webhook request is received") body: a
 * message with one Adaptive Card (1.4). Event-derived text goes only into TextRuns (plain text;
 * TextBlock and FactSet would read it as markdown) and the card has no `msteams.entities`, so
 * nothing can mention anyone; links are only the "View issue" actions.
 */
export function renderTeams(notification: Notification): Record<string, unknown> {
  const facts = messageFacts(notification);
  const plain = (text: string) => breakMentions(text);
  const fact = (label: string, value: string) =>
    richText([{ text: `${label}: `, weight: "Bolder" }, { text: plain(value) }]);
  const body: Record<string, unknown>[] = [
    richText([{ text: plain(facts.headline), weight: "Bolder", size: "Medium" }]),
    ...facts.issues.flatMap((issue) => [
      richText([{ text: plain(issue.title), weight: "Bolder" }]),
      richText([{ text: plain(issue.culprit), fontType: "Monospace" }]),
      richText([{ text: countWords(issue), isSubtle: true }]),
    ]),
    fact("Project", facts.project),
    ...(facts.environment ? [fact("Environment", facts.environment)] : []),
    ...(facts.release ? [fact("Release", facts.release)] : []),
    fact("Rule", `${facts.rule} · ${facts.triggers}`),
  ];
  if (facts.moreIssues > 0) body.push(richText([{ text: `and ${facts.moreIssues} more`, isSubtle: true }]));
  const actions = facts.issues.slice(0, 5).map((issue, index) => ({
    type: "Action.OpenUrl",
    title: facts.issues.length === 1 ? "View issue" : `View issue ${index + 1}`,
    url: issue.link,
  }));
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body,
          actions,
        },
      },
    ],
  };
}
