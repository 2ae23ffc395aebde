import type { IssueSnapshot, Notification } from "../notification";
import { headline, triggerWords, windowWords } from "./headline";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** Plain-text and HTML bodies with the same facts: what, where, how often, since when, and the link. */
export function renderEmail(notification: Notification): RenderedEmail {
  return {
    subject: headline(notification),
    text: notification.kind === "digest" ? digestText(notification) : alertText(notification),
    html: notification.kind === "digest" ? digestHtml(notification) : alertHtml(notification),
  };
}

function facts(notification: Notification, issue: IssueSnapshot): [string, string][] {
  const event = notification.event;
  return [
    ["Project", notification.project.name],
    ["Level", issue.level],
    ["Culprit", issue.culprit || "—"],
    ["Events", String(issue.count)],
    ["Users", String(issue.userCount)],
    ["First seen", issue.firstSeen],
    ["Last seen", issue.lastSeen],
    ["Environment", event?.environment ?? "—"],
    ["Release", event?.release ?? "—"],
    ["Rule", `${notification.rule.name} (${triggerWords(notification)})`],
  ];
}

function frameLines(notification: Notification): string[] {
  return (notification.event?.frames ?? []).map((frame) => {
    const where = `${frame.filename ?? "?"}${frame.lineno !== null ? `:${frame.lineno}` : ""}`;
    return `${frame.function ?? "?"} in ${where}${frame.contextLine ? `\n      ${frame.contextLine}` : ""}`;
  });
}

function alertText(notification: Notification): string {
  const issue = notification.issues[0];
  if (!issue) return headline(notification);
  const lines = [
    notification.kind === "test" ? "This is a test notification from Faultline.\n" : "",
    issue.title,
    "",
    ...facts(notification, issue).map(([label, value]) => `${label}: ${value}`),
  ];
  const frames = frameLines(notification);
  if (frames.length > 0) lines.push("", "Stack trace (most recent call first):", ...frames.map((line) => `  ${line}`));
  lines.push("", `Open the issue: ${issue.permalink}`);
  return lines.filter((line, index) => index > 0 || line !== "").join("\n") + "\n";
}

function alertHtml(notification: Notification): string {
  const issue = notification.issues[0];
  if (!issue) return `<p>${escape(headline(notification))}</p>`;
  const rows = facts(notification, issue)
    .map(
      ([label, value]) =>
        `<tr><th align="left" style="padding-right:12px">${escape(label)}</th><td>${escape(value)}</td></tr>`,
    )
    .join("");
  const frames = frameLines(notification);
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    notification.kind === "test" ? "<p><em>This is a test notification from Faultline.</em></p>" : "",
    `<h2 style="margin-bottom:4px"><a href="${escape(issue.permalink)}">${escape(issue.title)}</a></h2>`,
    `<table>${rows}</table>`,
    frames.length > 0 ? `<h3>Stack trace (most recent call first)</h3><pre>${frames.map(escape).join("\n")}</pre>` : "",
    `<p><a href="${escape(issue.permalink)}">Open the issue in Faultline</a></p>`,
    "</body></html>",
  ].join("");
}

function digestIntro(notification: Notification): string {
  const n = notification.totalIssues;
  return `${n} ${n === 1 ? "issue" : "issues"} in ${notification.project.name} in the last ${windowWords(notification.digestMinutes ?? 0)} (rule "${notification.rule.name}").`;
}

function digestText(notification: Notification): string {
  const lines = [digestIntro(notification), ""];
  for (const issue of notification.issues)
    lines.push(
      `- ${issue.level.toUpperCase()} ${issue.title}`,
      `  ${issue.count} events, ${issue.userCount} users, last seen ${issue.lastSeen}`,
      `  ${issue.permalink}`,
    );
  const more = notification.totalIssues - notification.issues.length;
  if (more > 0) lines.push(`…and ${more} more.`);
  return lines.join("\n") + "\n";
}

function digestHtml(notification: Notification): string {
  const items = notification.issues
    .map(
      (issue) =>
        `<li><strong>${escape(issue.level.toUpperCase())}</strong> <a href="${escape(issue.permalink)}">${escape(issue.title)}</a><br>` +
        `${issue.count} events, ${issue.userCount} users, last seen ${escape(issue.lastSeen)}</li>`,
    )
    .join("");
  const more = notification.totalIssues - notification.issues.length;
  return `<!doctype html><html><body style="font-family:sans-serif"><p>${escape(digestIntro(notification))}</p><ul>${items}</ul>${more > 0 ? `<p>…and ${more} more.</p>` : ""}</body></html>`;
}
