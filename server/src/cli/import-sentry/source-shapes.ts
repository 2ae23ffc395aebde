import { z } from "zod";

/**
 * The fields the importer reads from Sentry's Web API answers, and only those: everything else in
 * an answer is ignored, and optional fields may be missing or null (sentry.io, self-hosted Sentry
 * and Faultline differ in which extras they send).
 */
const text = z.string();
const optionalText = z.string().nullish();
const stringList = z.array(z.string()).nullish();
/** Sentry sends some numbers as strings (an issue's `count`). */
const count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish();

/** Sentry's organization-wide scrubbing settings apply to every project on top of its own. */
export const sourceOrganization = z.object({
  slug: text,
  name: text,
  dataScrubber: z.boolean().nullish(),
  dataScrubberDefaults: z.boolean().nullish(),
  sensitiveFields: stringList,
  safeFields: stringList,
  scrubIPAddresses: z.boolean().nullish(),
});

export const sourceProjectSummary = z.object({ slug: text, name: text, platform: optionalText });

export const sourceProjectDetail = z.object({
  slug: text,
  name: text,
  platform: optionalText,
  dataScrubber: z.boolean().nullish(),
  dataScrubberDefaults: z.boolean().nullish(),
  sensitiveFields: stringList,
  safeFields: stringList,
  scrubIPAddresses: z.boolean().nullish(),
  // Faultline's; Sentry has no such setting.
  scrubEmails: z.boolean().nullish(),
  fingerprintingRules: optionalText,
  // Sentry's stack trace rules and advanced scrubbing: reported when set, not carried over.
  groupingEnhancements: optionalText,
  relayPiiConfig: optionalText,
});

export const sourceKey = z.object({
  name: optionalText,
  label: optionalText,
  public: text,
  secret: optionalText,
  projectId: z.union([z.number(), z.string()]).nullish(),
  isActive: z.boolean().nullish(),
  // Older Sentry versions sent a bare number here: read as "no limit" rather than failing the import.
  rateLimit: z.object({ window: z.number(), count: z.number() }).nullish().catch(null),
  dsn: z.object({ public: optionalText, secret: optionalText }).nullish().catch(null),
});

/** Sentry's issue alert rule (`/projects/{org}/{project}/rules/`). */
const ruleComponent = z.object({ id: text }).catchall(z.unknown());
export const sourceSentryRule = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: text,
  actionMatch: optionalText,
  filterMatch: optionalText,
  conditions: z.array(ruleComponent).nullish(),
  filters: z.array(ruleComponent).nullish(),
  actions: z.array(ruleComponent).nullish(),
  frequency: z.number().nullish(),
  environment: optionalText,
  status: optionalText,
});

/** Faultline's own rule (`/projects/{org}/{project}/alert-rules/`), when the source is Faultline. */
export const sourceFaultlineRule = z.object({
  name: text,
  enabled: z.boolean().nullish(),
  triggerMatch: optionalText,
  triggers: z.array(z.unknown()),
  filters: z.array(z.unknown()).nullish(),
  actions: z.array(z.unknown()),
  actionIntervalMinutes: z.number().nullish(),
  digestMinutes: z.number().nullish(),
});

export const sourceMember = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  email: optionalText,
  role: optionalText,
  orgRole: optionalText,
  pending: z.boolean().nullish(),
  user: z
    .object({ id: z.union([z.string(), z.number()]).nullish(), email: optionalText })
    .nullish()
    .catch(null),
});

export const sourceTeam = z.object({ slug: text, name: optionalText, memberCount: count });

export const sourceRelease = z.object({
  version: text,
  ref: optionalText,
  url: optionalText,
  dateCreated: optionalText,
  dateReleased: optionalText,
  projects: z.array(z.object({ slug: text })).nullish(),
});

export const sourceIssue = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  title: text,
  culprit: optionalText,
  level: optionalText,
  type: optionalText,
  status: optionalText,
  count,
  userCount: count,
  firstSeen: text,
  lastSeen: text,
  metadata: z.record(z.string(), z.unknown()).nullish().catch(null),
  // Sentry's ActorSerializer: {type: "user", id, name, email} or {type: "team", id, name}.
  assignedTo: z.object({ type: optionalText, email: optionalText, name: optionalText }).nullish().catch(null),
});

export type SourceOrganization = z.infer<typeof sourceOrganization>;
export type SourceProjectDetail = z.infer<typeof sourceProjectDetail>;
export type SourceKey = z.infer<typeof sourceKey>;
export type SourceSentryRule = z.infer<typeof sourceSentryRule>;
export type SourceFaultlineRule = z.infer<typeof sourceFaultlineRule>;
export type SourceMember = z.infer<typeof sourceMember>;
export type SourceTeam = z.infer<typeof sourceTeam>;
export type SourceRelease = z.infer<typeof sourceRelease>;
export type SourceIssue = z.infer<typeof sourceIssue>;
