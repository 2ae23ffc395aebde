import { buildDsn, GROUPING_VERSION } from "@faultline/core";
import type { ProjectFacts } from "@faultline/db";
import type { serializeOrganization } from "../organizations/serialize-organization";
import type { TeamRef } from "../teams/team-ref";
import { projectColor } from "./project-color";
import { keyDsnProjectId } from "@faultline/db";

interface ProjectRow {
  id: number;
  slug: string;
  name: string;
  platform: string;
  createdAt: Date;
  firstEvent: Date | null;
  hasMinifiedStackTrace: boolean;
}

/** What a project's serialization needs besides its row (see project-summaries.ts). */
export interface ProjectContext {
  facts: ProjectFacts;
  /** The teams with access to the project, first linked first (Sentry's `team` is the first). */
  teams: TeamRef[];
  /** Sentry's scope names of the caller in the project's organization. */
  access: string[];
}

/**
 * Sentry's project summary: the fields of its ProjectSerializer and ProjectSummarySerializer
 * (organization project lists, team projects, and the base of the detail). Products Faultline
 * does not have (transactions, profiles, replays, insights, logs, flags) read `false`.
 */
export function serializeProject(project: ProjectRow, context: ProjectContext) {
  const { facts, teams } = context;
  return {
    id: String(project.id),
    slug: project.slug,
    name: project.name,
    platform: project.platform,
    dateCreated: project.createdAt.toISOString(),
    isBookmarked: false,
    isMember: true,
    hasAccess: true,
    access: context.access,
    team: teams[0] ?? null,
    teams,
    features: [] as string[],
    firstEvent: project.firstEvent?.toISOString() ?? null,
    firstTransactionEvent: false,
    hasMinifiedStackTrace: project.hasMinifiedStackTrace,
    hasUserReports: facts.hasUserReports,
    // Faultline keeps user reports and feedback together.
    hasFeedbacks: facts.hasUserReports,
    hasNewFeedbacks: false,
    hasSessions: facts.hasSessions,
    hasMonitors: facts.hasMonitors,
    hasProfiles: false,
    hasReplays: false,
    hasFlags: false,
    hasLogs: false,
    hasTraceMetrics: false,
    hasCustomMetrics: false,
    hasInsightsHttp: false,
    hasInsightsDb: false,
    hasInsightsAssets: false,
    hasInsightsAppStart: false,
    hasInsightsScreenLoad: false,
    hasInsightsVitals: false,
    hasInsightsCaches: false,
    hasInsightsQueues: false,
    hasInsightsLlmMonitoring: false,
    hasInsightsAgentMonitoring: false,
    hasInsightsMCP: false,
    platforms: facts.platforms,
    environments: facts.environments,
    latestRelease: facts.latestRelease === null ? null : { version: facts.latestRelease },
    latestDeploys: null,
    eventProcessing: { symbolicationDegraded: false },
    isInternal: false,
    isPublic: false,
    avatar: { avatarType: "letter_avatar", avatarUuid: null },
    color: projectColor(project.slug),
    status: "active",
  };
}

export function serializeProjectDetail(
  project: ProjectRow & {
    dataScrubber: boolean;
    dataScrubberDefaults: boolean;
    sensitiveFields: string[];
    safeFields: string[];
    scrubIpAddresses: boolean;
    scrubEmails: boolean;
    fingerprintingRules: string;
    eventQuota: number | null;
    eventQuotaWindowSeconds: number | null;
    eventRetentionDays: number | null;
    maxEventsPerIssue: number | null;
  },
  context: ProjectContext & { organization: ReturnType<typeof serializeOrganization> },
) {
  return {
    ...serializeProject(project, context),
    organization: context.organization,
    // Sentry's project options that Faultline has an answer for; the rest are Sentry's defaults.
    options: {
      "sentry:scrub_data": project.dataScrubber,
      "sentry:scrub_defaults": project.dataScrubberDefaults,
      "sentry:sensitive_fields": project.sensitiveFields,
      "sentry:safe_fields": project.safeFields,
      "sentry:scrub_ip_address": project.scrubIpAddresses,
      "sentry:fingerprinting_rules": project.fingerprintingRules,
    },
    digestsMinDelay: 0,
    digestsMaxDelay: 0,
    subjectPrefix: "",
    subjectTemplate: "$shortID - $title",
    allowedDomains: ["*"],
    resolveAge: 0,
    storeCrashReports: null,
    securityToken: "",
    securityTokenHeader: null,
    verifySSL: false,
    scrapeJavaScript: false,
    groupingConfig: GROUPING_VERSION,
    groupingEnhancements: "",
    groupingEnhancementsBase: null,
    derivedGroupingEnhancements: "",
    secondaryGroupingConfig: null,
    secondaryGroupingExpiry: 0,
    plugins: [] as unknown[],
    processingIssues: 0,
    defaultEnvironment: null,
    relayPiiConfig: null,
    builtinSymbolSources: [] as string[],
    symbolSources: "[]",
    dynamicSamplingBiases: [] as unknown[],
    isDynamicallySampled: false,
    tempestFetchScreenshots: false,
    tempestFetchDumps: false,
    highlightTags: [] as string[],
    highlightContext: {},
    highlightPreset: { tags: [] as string[], context: {} },
    dataScrubber: project.dataScrubber,
    dataScrubberDefaults: project.dataScrubberDefaults,
    sensitiveFields: project.sensitiveFields,
    safeFields: project.safeFields,
    scrubIPAddresses: project.scrubIpAddresses,
    scrubEmails: project.scrubEmails,
    fingerprintingRules: project.fingerprintingRules,
    // Faultline fields; null means the server-wide default (unlimited quota, EVENT_RETENTION_DAYS,
    // EVENT_CAP_PER_ISSUE).
    eventQuota:
      project.eventQuota !== null && project.eventQuotaWindowSeconds !== null
        ? { window: project.eventQuotaWindowSeconds, count: project.eventQuota }
        : null,
    eventRetentionDays: project.eventRetentionDays,
    maxEventsPerIssue: project.maxEventsPerIssue,
  };
}

interface KeyRow {
  id: number;
  projectId: number;
  publicKey: string;
  label: string;
  isActive: boolean;
  createdAt: Date;
  rateLimitCount: number | null;
  rateLimitWindowSeconds: number | null;
  secretKey: string | null;
  dsnProjectId: bigint | null;
}

/**
 * Sentry's project key ("client key") with its DSNs. `id` is the public key, as in Sentry.
 * `projectId` is the id the key's DSN carries: an adopted DSN's, else the project's own.
 */
export function serializeKey(key: KeyRow, publicUrl: string) {
  const projectId = keyDsnProjectId(key);
  const dsn = buildDsn(publicUrl, key.publicKey, projectId);
  const base = `${publicUrl}/api/${projectId}`;
  const secretDsn =
    key.secretKey === null ? dsn : dsn.replace(`//${key.publicKey}@`, `//${key.publicKey}:${key.secretKey}@`);
  return {
    id: key.publicKey,
    name: key.label,
    label: key.label,
    public: key.publicKey,
    // Keys Faultline issues have no secret part (modern SDKs never send one); adopted DSNs keep theirs.
    secret: key.secretKey,
    projectId,
    isActive: key.isActive,
    rateLimit:
      key.rateLimitCount !== null && key.rateLimitWindowSeconds !== null
        ? { window: key.rateLimitWindowSeconds, count: key.rateLimitCount }
        : null,
    dsn: {
      public: dsn,
      secret: secretDsn,
      csp: `${base}/security/?sentry_key=${key.publicKey}`,
      security: `${base}/security/?sentry_key=${key.publicKey}`,
      minidump: `${base}/minidump/?sentry_key=${key.publicKey}`,
      unreal: `${base}/unreal/${key.publicKey}/`,
      cdn: null,
    },
    browserSdkVersion: "latest",
    dateCreated: key.createdAt.toISOString(),
  };
}
