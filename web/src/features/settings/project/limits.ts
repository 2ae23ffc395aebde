/** The project limits form's fields as typed, and the API body they make (or what is wrong). */
export interface LimitsDraft {
  retentionDays: string;
  quotaCount: string;
  quotaWindow: string;
  maxEventsPerIssue: string;
}

export interface LimitsBody {
  eventRetentionDays: number | null;
  eventQuota: { window: number; count: number } | null;
  maxEventsPerIssue: number | null;
}

export const QUOTA_WINDOWS = [
  { seconds: 60, label: "minute" },
  { seconds: 3600, label: "hour" },
  { seconds: 86_400, label: "day" },
  { seconds: 2_592_000, label: "30 days" },
] as const;

/** A blank field is null (the server-wide default); anything else a whole number in range. */
function wholeNumber(label: string, raw: string, min: number, max: number): number | null | string {
  const text = raw.trim();
  if (text === "") return null;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    return `${label}: a whole number from ${min} to ${max.toLocaleString("en")}, or blank for the default.`;
  return value;
}

export function draftOf(project: {
  eventRetentionDays?: number | null;
  eventQuota?: { window: number; count: number } | null;
  maxEventsPerIssue?: number | null;
}): LimitsDraft {
  return {
    retentionDays: project.eventRetentionDays != null ? String(project.eventRetentionDays) : "",
    quotaCount: project.eventQuota ? String(project.eventQuota.count) : "",
    quotaWindow: String(project.eventQuota?.window ?? 3600),
    maxEventsPerIssue: project.maxEventsPerIssue != null ? String(project.maxEventsPerIssue) : "",
  };
}

/** The body for `PUT /projects/{org}/{project}/`, or the first problem in words. */
export function limitsBody(draft: LimitsDraft): LimitsBody | string {
  const retention = wholeNumber("Retention", draft.retentionDays, 1, 3650);
  if (typeof retention === "string") return retention;
  const count = wholeNumber("Quota", draft.quotaCount, 0, 1_000_000_000);
  if (typeof count === "string") return count;
  const cap = wholeNumber("Events kept per issue", draft.maxEventsPerIssue, 1, 1_000_000);
  if (typeof cap === "string") return cap;
  return {
    eventRetentionDays: retention,
    eventQuota: count === null ? null : { window: Number(draft.quotaWindow), count },
    maxEventsPerIssue: cap,
  };
}
