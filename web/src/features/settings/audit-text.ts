/** The audit log's event codes in words (Sentry's audit log names them the same way). */
const AUDIT_TEXT: Record<string, string> = {
  "org.create": "Created the organization",
  "org.edit": "Changed organization settings",
  "member.add": "Added a member",
  "member.invite": "Invited a member",
  "member.edit": "Changed a member's role",
  "member.remove": "Removed a member",
  "project.create": "Created a project",
  "project.edit": "Changed project settings",
  "project.remove": "Removed a project",
  "projectkey.create": "Created a client key (DSN)",
  "projectkey.edit": "Changed a client key (DSN)",
  "projectkey.remove": "Removed a client key (DSN)",
  "alertrule.create": "Created an alert rule",
  "alertrule.edit": "Changed an alert rule",
  "alertrule.remove": "Removed an alert rule",
  "apitoken.create": "Created an API token",
  "apitoken.remove": "Revoked an API token",
  "issue.edit": "Changed an issue",
  "issue.delete": "Deleted an issue",
  "issue.merge": "Merged issues",
  "issue.unmerge": "Unmerged an issue",
  "note.create": "Commented on an issue",
  "release.create": "Created a release",
  "release.update": "Changed a release",
  "release.delete": "Deleted a release",
  "release_file.create": "Uploaded a release artifact",
  "release_file.delete": "Deleted a release artifact",
  "user.password-change": "Changed their password",
  "user.two-factor-enable": "Turned on two-factor authentication",
  "user.two-factor-disable": "Turned off two-factor authentication",
  "user.two-factor-recovery-codes": "Made new two-factor recovery codes",
};

const VERBS: Record<string, string> = {
  create: "Created",
  add: "Added",
  edit: "Changed",
  update: "Changed",
  remove: "Removed",
  delete: "Deleted",
};

/** `alertrule.create` → "Created an alert rule"; unknown codes → "Created projectkey" style words. */
export function auditText(code: string): string {
  const known = AUDIT_TEXT[code];
  if (known) return known;
  const [object = code, action = ""] = code.split(".");
  const verb = VERBS[action] ?? action.replace(/[-_]/g, " ");
  const noun = object.replace(/[-_]/g, " ");
  const sentence = verb ? `${verb} ${noun}` : noun;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
