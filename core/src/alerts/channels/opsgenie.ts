import type { Notification } from "../notification";
import { truncate } from "../render/headline";
import { incidentKey } from "./incident-keys";
import { messageFacts } from "./message-facts";

/** POST /v2/alerts bodies (create), one per issue; alias per issue so a resolve can close it. Opsgenie shows text as plain text. */
export function renderOpsgenieCreate(notification: Notification, priority: string) {
  const facts = messageFacts(notification);
  return notification.issues.map((issue) => ({
    message: truncate(notification.kind === "digest" ? issue.title : facts.headline, 130),
    alias: truncate(incidentKey(notification, issue.id), 512),
    description: truncate(
      [issue.title, issue.culprit, `${issue.count} events, ${issue.userCount} users`, issue.permalink].join("\n"),
      15000,
    ),
    entity: truncate(issue.culprit || notification.project.slug, 512),
    source: "Faultline",
    priority,
    tags: ["faultline", truncate(notification.project.slug, 50), issue.level],
    details: {
      project: notification.project.name,
      environment: notification.event?.environment ?? "",
      release: notification.event?.release ?? "",
      events: String(issue.count),
      users: String(issue.userCount),
      rule: notification.rule.name,
      link: issue.permalink,
    },
  }));
}

/** The aliases to close (POST /v2/alerts/{alias}/close?identifierType=alias) when issues were resolved. */
export function opsgenieCloseAliases(notification: Notification): string[] {
  return notification.issues.map((issue) => truncate(incidentKey(notification, issue.id), 512));
}
