import type { Activity } from "../../api/types";
import { plural } from "../../lib/text";
import { asRecord, asString } from "./event/values";

/** A member as the organization's members endpoint lists them. */
export interface MemberRef {
  user: { id: string; email: string; name: string };
}

/** What happened, as a verb phrase after a person's name (Sentry's wording). */
const WITH_ACTOR: Record<string, string> = {
  first_seen: "first saw this issue",
  set_regression: "marked this issue as a regression",
  set_resolved: "marked this issue as resolved",
  set_resolved_in_release: "marked this issue as resolved in a release",
  set_resolved_in_next_release: "marked this issue as resolved in the next release",
  set_ignored: "ignored this issue",
  set_unresolved: "marked this issue as unresolved",
  unassigned: "unassigned this issue",
  note: "commented",
};

/** The same, on its own, when the server did it (no person to name). */
const WITHOUT_ACTOR: Record<string, string> = {
  first_seen: "First seen",
  set_regression: "Marked as a regression",
  set_resolved: "Marked as resolved",
  set_resolved_in_release: "Marked as resolved in a release",
  set_resolved_in_next_release: "Marked as resolved in the next release",
  set_ignored: "Ignored",
  set_unresolved: "Marked as unresolved",
  unassigned: "Unassigned",
};

/** Who an "assigned" activity names: the stored email, else the member with that user id. */
export function assigneeLabel(item: Activity, members: MemberRef[] | undefined): string | undefined {
  const data = asRecord(item.data);
  if (asString(data?.assigneeType) === "team") return `#${asString(data?.assigneeName) ?? asString(data?.assignee)}`;
  const email = asString(data?.assigneeEmail);
  const id = asString(data?.assignee);
  const member = members?.find((candidate) => candidate.user.id === id || candidate.user.email === email);
  if (member) {
    const { name, email: memberEmail } = member.user;
    return name && name !== memberEmail ? `${name} (${memberEmail})` : memberEmail;
  }
  return email ?? (id ? `user ${id}` : undefined);
}

/** The actor to show in bold (absent when the server did it) and the words that follow. */
export function activityText(
  item: Activity,
  members: MemberRef[] | undefined,
): { actor: string | undefined; text: string } {
  const actor = item.user ? item.user.name || item.user.email : undefined;
  if (item.type === "assigned") {
    const whom = assigneeLabel(item, members);
    const target = whom ? `to ${whom}` : "";
    return actor
      ? { actor, text: `assigned this issue ${target}`.trim() }
      : { actor, text: `Assigned ${target}`.trim() };
  }
  const merging = mergeText(item);
  if (merging)
    return actor ? { actor, text: merging } : { actor, text: merging.charAt(0).toUpperCase() + merging.slice(1) };
  const fallback = item.type.replace(/_/g, " ");
  if (actor) return { actor, text: WITH_ACTOR[item.type] ?? fallback };
  const alone = WITHOUT_ACTOR[item.type] ?? fallback;
  return { actor, text: alone.charAt(0).toUpperCase() + alone.slice(1) };
}

/** Sentry's wording for merges and unmerges, with how many issues or fingerprints moved. */
function mergeText(item: Activity): string | undefined {
  const data = asRecord(item.data);
  const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  if (item.type === "merge") return `merged ${plural(count(data?.issues), "issue")} into this issue`;
  if (item.type === "unmerge_source")
    return `moved ${plural(count(data?.fingerprints), "fingerprint")} out into issue ${asString(data?.destination_id) ?? ""}`.trim();
  if (item.type === "unmerge_destination")
    return `moved ${plural(count(data?.fingerprints), "fingerprint")} here from issue ${asString(data?.source_id) ?? ""}`.trim();
  return undefined;
}
