import { buildDsn } from "@faultline/core";
import { keyDsnProjectId } from "@faultline/db";

interface ProjectRow {
  id: number;
  slug: string;
  name: string;
  platform: string;
  createdAt: Date;
}

export function serializeProject(project: ProjectRow) {
  return {
    id: String(project.id),
    slug: project.slug,
    name: project.name,
    platform: project.platform,
    dateCreated: project.createdAt.toISOString(),
    isBookmarked: false,
    isMember: true,
    hasAccess: true,
    status: "active",
    features: [] as string[],
    firstEvent: null,
    avatar: { avatarType: "letter_avatar", avatarUuid: null },
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
  organization: { id: number; slug: string; name: string; createdAt: Date },
) {
  return {
    ...serializeProject(project),
    organization: {
      id: String(organization.id),
      slug: organization.slug,
      name: organization.name,
      dateCreated: organization.createdAt.toISOString(),
    },
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
