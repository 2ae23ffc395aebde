import { parseAdoptableDsn, parseDsnProjectId } from "@faultline/core";
import type { ImportedIssue, ImportedProject } from "@faultline/db";
import { mapFaultlineRule, mapSentryRule } from "./map-rule";
import type { SourceClient } from "./source";
import {
  sourceFaultlineRule,
  sourceIssue,
  sourceKey,
  sourceProjectDetail,
  sourceSentryRule,
  type SourceIssue,
  type SourceKey,
  type SourceOrganization,
} from "./source-shapes";

/** Something at the source that is not carried over, and why. */
export interface Skipped {
  what: string;
  why: string;
}

export interface ReadProject {
  input: ImportedProject;
  skipped: Skipped[];
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join("/");

/**
 * Reads one project from the source (detail, keys, rules, recent issues) into what the target
 * writes, listing what cannot be carried over. `step` reports progress (for the progress bar).
 */
export async function readProject(
  source: SourceClient,
  org: SourceOrganization,
  slug: string,
  options: { issuesDays: number | null; memberEmails: ReadonlyMap<string, string>; step: (label: string) => void },
): Promise<ReadProject> {
  const skipped: Skipped[] = [];
  const base = `projects/${path(org.slug, slug)}`;
  options.step("settings");
  const detail = await source.get(`${base}/`, sourceProjectDetail);
  if (!detail) throw new Error(`project ${org.slug}/${slug} disappeared from the source while it was read`);
  if (detail.groupingEnhancements?.trim())
    skipped.push({ what: `${slug}: stack trace rules`, why: "Faultline has fingerprint rules only" });
  if (detail.relayPiiConfig?.trim())
    skipped.push({ what: `${slug}: advanced data scrubbing rules`, why: "Faultline has field-based scrubbing only" });

  options.step("keys");
  const keys = (await source.list(`${base}/keys/`, sourceKey)) ?? [];
  const adopted = keys.flatMap((key) => {
    const dsn = adoptableKey(key);
    if (typeof dsn === "string") {
      skipped.push({ what: `${slug}: key ${key.public}`, why: dsn });
      return [];
    }
    return [
      {
        ...dsn,
        label: key.label ?? key.name ?? "Default",
        isActive: key.isActive ?? true,
        rateLimit: key.rateLimit ?? null,
      },
    ];
  });

  options.step("alert rules");
  const rules = await readRules(source, base, options.memberEmails);
  for (const rule of rules.skipped) skipped.push({ what: `${slug}: alert rule "${rule.name}"`, why: rule.why });

  let issues: ImportedIssue[] = [];
  if (options.issuesDays !== null) {
    options.step("issues");
    const listed =
      (await source.list(`${base}/issues/`, sourceIssue, {
        statsPeriod: "",
        query: `lastSeen:-${options.issuesDays}d`,
      })) ?? [];
    const since = Date.now() - options.issuesDays * 86_400_000;
    issues = listed.filter((issue) => Date.parse(issue.lastSeen) >= since).map(importedIssue);
  }

  return {
    input: {
      orgSlug: org.slug,
      orgName: org.name,
      slug: detail.slug,
      name: detail.name,
      platform: detail.platform || "other",
      // Sentry applies the organization's scrubbing on top of the project's; Faultline has only
      // project settings, so each project gets both.
      settings: {
        dataScrubber: (detail.dataScrubber ?? true) || org.dataScrubber === true,
        dataScrubberDefaults: (detail.dataScrubberDefaults ?? true) || org.dataScrubberDefaults === true,
        sensitiveFields: union(detail.sensitiveFields, org.sensitiveFields),
        safeFields: union(detail.safeFields, org.safeFields),
        scrubIpAddresses: (detail.scrubIPAddresses ?? false) || org.scrubIPAddresses === true,
        scrubEmails: detail.scrubEmails ?? false,
        fingerprintingRules: detail.fingerprintingRules ?? "",
      },
      keys: adopted,
      rules: rules.mapped,
      issues,
    },
    skipped,
  };
}

function union(own: string[] | null | undefined, inherited: string[] | null | undefined): string[] {
  return [...new Set([...(own ?? []), ...(inherited ?? [])])];
}

/** The DSN a key answers on: its secret DSN when it has one (old SDKs send the secret). */
function adoptableKey(key: SourceKey) {
  const dsn = key.dsn?.secret ?? key.dsn?.public;
  try {
    if (dsn) {
      const parsed = parseAdoptableDsn(dsn);
      return { publicKey: parsed.publicKey, secretKey: parsed.secretKey, dsnProjectId: parsed.projectId };
    }
  } catch {
    // Fall through to the key's own fields.
  }
  const projectId =
    key.projectId === null || key.projectId === undefined ? null : parseDsnProjectId(String(key.projectId));
  if (projectId === null) return "the key's project id is not readable";
  try {
    const parsed = parseAdoptableDsn(`https://${key.public}${key.secret ? `:${key.secret}` : ""}@source/${projectId}`);
    return { publicKey: parsed.publicKey, secretKey: parsed.secretKey, dsnProjectId: parsed.projectId };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Sentry's issue alert rules (`rules/`); a Faultline source has none there (404) and answers
 * with its own shape at `alert-rules/`.
 */
async function readRules(source: SourceClient, base: string, memberEmails: ReadonlyMap<string, string>) {
  const mapped: ImportedProject["rules"] = [];
  const skipped: { name: string; why: string }[] = [];
  const sentry = await source.list(`${base}/rules/`, sourceSentryRule);
  const results =
    sentry !== null
      ? sentry.map((rule) => ({ name: rule.name, result: mapSentryRule(rule, memberEmails) }))
      : ((await source.list(`${base}/alert-rules/`, sourceFaultlineRule)) ?? []).map((rule) => ({
          name: rule.name,
          result: mapFaultlineRule(rule),
        }));
  for (const { name, result } of results) {
    if ("rule" in result) mapped.push(result.rule);
    else skipped.push({ name, why: result.problems.join("; ") });
  }
  return { mapped, skipped };
}

const STATUSES = new Set(["unresolved", "resolved", "ignored"]);

function importedIssue(issue: SourceIssue): ImportedIssue {
  // Sentry calls ignored issues "archived" in newer versions.
  const status = issue.status === "archived" ? "ignored" : issue.status;
  return {
    sourceId: issue.id,
    title: issue.title.slice(0, 1000),
    culprit: (issue.culprit ?? "").slice(0, 1000),
    level: issue.level ?? "error",
    type: issue.type ?? "error",
    status: status && STATUSES.has(status) ? (status as ImportedIssue["status"]) : "unresolved",
    timesSeen: Math.min(issue.count ?? 0, 2_147_483_647),
    userCount: Math.min(issue.userCount ?? 0, 2_147_483_647),
    firstSeen: new Date(issue.firstSeen),
    lastSeen: new Date(issue.lastSeen),
    metadata: (issue.metadata ?? {}) as ImportedIssue["metadata"],
    assigneeEmail: issue.assignedTo?.type === "user" ? (issue.assignedTo.email ?? null) : null,
  };
}
