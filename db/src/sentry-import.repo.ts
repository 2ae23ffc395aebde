import type { AlertRule } from "@faultline/core";
import type { Database } from "./client";
import { adoptDsn, type AdoptedDsn } from "./dsn-adoption.repo";
import type { MemberRole, Prisma } from "./generated/prisma/client";
import { defaultTeamOf } from "./teams.repo";
import type { Tx } from "./tx";

/** One project as read from the source install, ready to write. */
export interface ImportedProject {
  orgSlug: string;
  orgName: string;
  slug: string;
  name: string;
  platform: string;
  settings: {
    dataScrubber: boolean;
    dataScrubberDefaults: boolean;
    sensitiveFields: string[];
    safeFields: string[];
    scrubIpAddresses: boolean;
    scrubEmails: boolean;
    fingerprintingRules: string;
  };
  keys: (AdoptedDsn & { label: string; isActive: boolean; rateLimit: { window: number; count: number } | null })[];
  rules: AlertRule[];
  issues: ImportedIssue[];
}

export interface ImportedIssue {
  /** The issue's id at the source: an imported issue is found again by it. */
  sourceId: string;
  title: string;
  culprit: string;
  level: string;
  type: string;
  status: "unresolved" | "resolved" | "ignored";
  timesSeen: number;
  userCount: number;
  firstSeen: Date;
  lastSeen: Date;
  metadata: Prisma.InputJsonValue;
  assigneeEmail: string | null;
}

/** What an import did (or, rolled back, would do): created, and already there. */
export interface ProjectImportCounts {
  project: "created" | "exists";
  /** The project's id here (null in a dry run: nothing was kept). */
  projectId: number | null;
  keys: { created: number; existing: number };
  rules: { created: number; existing: number };
  issues: { created: number; existing: number; assigneesNotFound: number };
}

/** Thrown inside a dry run's transaction so that nothing it did is kept. */
class RollBack extends Error {
  constructor(readonly counts: ProjectImportCounts) {
    super("dry run");
  }
}

/** Imported issues carry their source id in place of a grouping hash (no events share it). */
export function importedIssueHash(sourceId: string): string {
  return `sentry-import:${sourceId}`;
}

async function writeProject(tx: Tx, input: ImportedProject): Promise<ProjectImportCounts> {
  const org = await tx.organization.upsert({
    where: { slug: input.orgSlug },
    create: { slug: input.orgSlug, name: input.orgName },
    update: {},
  });
  const found = await tx.project.findUnique({
    where: { organizationId_slug: { organizationId: org.id, slug: input.slug } },
  });
  const project =
    found ??
    (await tx.project.create({
      data: {
        organizationId: org.id,
        slug: input.slug,
        name: input.name,
        platform: input.platform,
        ...input.settings,
        teams: { create: { teamId: (await defaultTeamOf(tx, org)).id } },
      },
    }));
  const counts: ProjectImportCounts = {
    project: found ? "exists" : "created",
    projectId: project.id,
    keys: { created: 0, existing: 0 },
    rules: { created: 0, existing: 0 },
    issues: { created: 0, existing: 0, assigneesNotFound: 0 },
  };
  for (const key of input.keys) {
    const existing = await tx.projectKey.findUnique({ where: { publicKey: key.publicKey } });
    if (existing?.projectId === project.id) {
      counts.keys.existing++;
      continue;
    }
    // Another project's key, or an id taken: DsnConflictError, and the whole project rolls back.
    await adoptDsn(tx, project.id, key, { label: key.label, isActive: key.isActive, rateLimit: key.rateLimit });
    counts.keys.created++;
  }
  const ruleNames = new Set(
    (await tx.alertRule.findMany({ where: { projectId: project.id }, select: { name: true } })).map((r) => r.name),
  );
  for (const rule of input.rules) {
    if (ruleNames.has(rule.name)) {
      counts.rules.existing++;
      continue;
    }
    await tx.alertRule.create({
      data: {
        projectId: project.id,
        name: rule.name,
        enabled: rule.enabled,
        triggerMatch: rule.triggerMatch,
        triggers: rule.triggers,
        filters: rule.filters,
        actions: rule.actions,
        actionIntervalMinutes: rule.actionIntervalMinutes,
        digestMinutes: rule.digestMinutes,
        snoozedUntil: rule.snoozedUntil ? new Date(rule.snoozedUntil) : null,
      },
    });
    ruleNames.add(rule.name);
    counts.rules.created++;
  }
  for (const issue of input.issues) await writeIssue(tx, project.id, issue, counts);
  return counts;
}

async function writeIssue(tx: Tx, projectId: number, issue: ImportedIssue, counts: ProjectImportCounts) {
  const primaryHash = importedIssueHash(issue.sourceId);
  if (await tx.issue.findFirst({ where: { projectId, primaryHash }, select: { id: true } })) {
    counts.issues.existing++;
    return;
  }
  const assignee = issue.assigneeEmail
    ? await tx.user.findFirst({ where: { email: { equals: issue.assigneeEmail, mode: "insensitive" } } })
    : null;
  if (issue.assigneeEmail && !assignee) counts.issues.assigneesNotFound++;
  // Issues are numbered per project: take the next number as the worker does.
  const numbered = await tx.project.update({
    where: { id: projectId },
    data: { lastShortId: { increment: 1 } },
    select: { lastShortId: true },
  });
  await tx.issue.create({
    data: {
      projectId,
      primaryHash,
      shortId: numbered.lastShortId,
      title: issue.title,
      culprit: issue.culprit,
      level: issue.level,
      type: issue.type,
      status: issue.status,
      timesSeen: issue.timesSeen,
      userCount: issue.userCount,
      firstSeen: issue.firstSeen,
      lastSeen: issue.lastSeen,
      metadata: issue.metadata,
      assigneeId: assignee?.id ?? null,
    },
  });
  counts.issues.created++;
}

export function createSentryImportRepo(db: Database) {
  return {
    /** The organization, created on first use (releases and members need it even with no project). */
    ensureOrganization: (slug: string, name: string) =>
      db.organization.upsert({ where: { slug }, create: { slug, name }, update: {} }),

    /**
     * Writes one project (its organization on first use, keys adopted, rules, issues) in one
     * transaction: a conflict or failure leaves nothing of it. `dryRun` does the same work and
     * rolls it back, so what it reports is what a real run would do.
     */
    async importProject(input: ImportedProject, dryRun: boolean): Promise<ProjectImportCounts> {
      try {
        return await db.$transaction(
          async (tx) => {
            const counts = await writeProject(tx, input);
            if (dryRun) throw new RollBack(counts);
            return counts;
          },
          { timeout: 300_000, maxWait: 10_000 },
        );
      } catch (error) {
        if (error instanceof RollBack) return { ...error.counts, projectId: null };
        throw error;
      }
    },

    /** Releases by version, linked to the organization's projects with these slugs. */
    async importReleases(
      orgSlug: string,
      releases: {
        version: string;
        ref: string | null;
        url: string | null;
        dateCreated: Date | null;
        dateReleased: Date | null;
        projectSlugs: string[];
      }[],
      dryRun: boolean,
    ): Promise<{ created: number; existing: number }> {
      const org = await db.organization.findUnique({ where: { slug: orgSlug } });
      const known = org
        ? new Set(
            (
              await db.release.findMany({
                where: { organizationId: org.id, version: { in: releases.map((r) => r.version) } },
                select: { version: true },
              })
            ).map((r) => r.version),
          )
        : new Set<string>();
      const result = { created: releases.filter((r) => !known.has(r.version)).length, existing: known.size };
      if (dryRun || !org) return result;
      await db.$transaction(
        async (tx) => {
          const projects = await tx.project.findMany({
            where: { organizationId: org.id },
            select: { id: true, slug: true },
          });
          const idOf = new Map(projects.map((p) => [p.slug, p.id]));
          for (const release of releases) {
            if (known.has(release.version)) continue;
            const created = await tx.release.create({
              data: {
                organizationId: org.id,
                version: release.version,
                ref: release.ref,
                url: release.url,
                dateReleased: release.dateReleased,
                ...(release.dateCreated ? { createdAt: release.dateCreated } : {}),
              },
            });
            const projectIds = release.projectSlugs.flatMap((slug) => idOf.get(slug) ?? []);
            if (projectIds.length > 0)
              await tx.releaseProject.createMany({
                data: projectIds.map((projectId) => ({ releaseId: created.id, projectId })),
                skipDuplicates: true,
              });
          }
        },
        { timeout: 120_000, maxWait: 10_000 },
      );
      return result;
    },

    /**
     * Members whose email is an account here join the organization with their role (an existing
     * membership is left as it is); the others are returned: there are no invitations yet.
     */
    async importMembers(
      orgSlug: string,
      members: { email: string; role: MemberRole }[],
      dryRun: boolean,
    ): Promise<{ added: number; existing: number; withoutAccount: string[] }> {
      const org = await db.organization.findUnique({ where: { slug: orgSlug } });
      const result = { added: 0, existing: 0, withoutAccount: [] as string[] };
      for (const member of members) {
        const user = await db.user.findFirst({ where: { email: { equals: member.email, mode: "insensitive" } } });
        if (!user) {
          result.withoutAccount.push(member.email);
          continue;
        }
        const membership = org
          ? await db.organizationMember.findUnique({
              where: { organizationId_userId: { organizationId: org.id, userId: user.id } },
            })
          : null;
        if (membership) {
          result.existing++;
          continue;
        }
        result.added++;
        if (!dryRun && org)
          await db.organizationMember.create({ data: { organizationId: org.id, userId: user.id, role: member.role } });
      }
      return result;
    },
  };
}

export type SentryImportRepo = ReturnType<typeof createSentryImportRepo>;
