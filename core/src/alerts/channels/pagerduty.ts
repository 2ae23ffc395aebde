import type { Notification } from "../notification";
import { truncate } from "../render/headline";
import { incidentKey } from "./incident-keys";
import { messageFacts } from "./message-facts";

const SEVERITIES: Record<string, "critical" | "error" | "warning" | "info"> = {
  fatal: "critical",
  error: "error",
  warning: "warning",
  info: "info",
  debug: "info",
};

/**
 * PagerDuty Events API v2 bodies (POST /v2/enqueue), one per issue: `trigger` for alerts, digests
 * and tests, `resolve` when the issue was resolved; dedup_key per issue. PagerDuty shows text as
 * plain text, so nothing is escaped; summary is capped at 1024 characters as documented.
 */
export function renderPagerDuty(notification: Notification, routingKey: string, publicUrl: string) {
  const facts = messageFacts(notification);
  return notification.issues.map((issue, index) => {
    const dedupKey = incidentKey(notification, issue.id);
    if (notification.kind === "resolve")
      return { routing_key: routingKey, event_action: "resolve" as const, dedup_key: dedupKey };
    const shown = facts.issues[index];
    return {
      routing_key: routingKey,
      event_action: "trigger" as const,
      dedup_key: dedupKey,
      payload: {
        summary: truncate(
          notification.kind === "digest" ? `[${notification.project.slug}] ${issue.title}` : facts.headline,
          1024,
        ),
        source: truncate(`${notification.project.organization}/${notification.project.slug}`, 255),
        severity: SEVERITIES[issue.level] ?? "error",
        component: truncate(issue.culprit || notification.project.slug, 255),
        group: notification.project.slug,
        class: issue.level,
        custom_details: {
          title: issue.title,
          culprit: issue.culprit,
          project: notification.project.name,
          environment: notification.event?.environment ?? null,
          release: notification.event?.release ?? null,
          events: issue.count,
          users: issue.userCount,
          rule: notification.rule.name,
          triggers: facts.triggers,
        },
      },
      links: [{ href: shown?.link ?? issue.permalink, text: "View issue in Faultline" }],
      client: "Faultline",
      client_url: publicUrl,
    };
  });
}
