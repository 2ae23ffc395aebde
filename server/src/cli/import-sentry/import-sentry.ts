import { createSentryImportRepo, DsnConflictError, DsnRaceError, type MemberRole } from "@faultline/db";
import { CliError, readCliConfig, requireString, withDatabase, type Command, type OptionValues } from "../command";
import type { KeyChange } from "../../ingest/key-changes";
import { announceKeyChanges } from "../announce-key-changes";
import { createProgress } from "./progress";
import { readProject, type Skipped } from "./read-project";
import { formatReport, type ImportReport, type ProjectOutcome } from "./report";
import { createSourceClient } from "./source";
import { sourceMember, sourceOrganization, sourceProjectSummary, sourceRelease, sourceTeam } from "./source-shapes";

/** Sentry's organization roles → Faultline's (managers administer; billing only looks). */
const ROLES: Record<string, MemberRole> = {
  owner: "owner",
  manager: "admin",
  admin: "admin",
  member: "member",
  billing: "viewer",
  viewer: "viewer",
};

function readOptions(values: OptionValues, env: Record<string, string | undefined>) {
  const token = typeof values.token === "string" && values.token !== "" ? values.token : env.SENTRY_AUTH_TOKEN;
  if (!token) throw new CliError("--token is required (or SENTRY_AUTH_TOKEN): an auth token of the source install", 2);
  let issuesDays: number | null = null;
  if (typeof values["issues-days"] === "string") {
    issuesDays = Number(values["issues-days"]);
    if (!Number.isInteger(issuesDays) || issuesDays < 1 || issuesDays > 90)
      throw new CliError("--issues-days must be a whole number of days from 1 to 90", 2);
  }
  const url = requireString(values, "url");
  if (!/^https?:\/\//.test(url)) throw new CliError("--url must start with http:// or https://", 2);
  const projects =
    typeof values.projects === "string"
      ? values.projects
          .split(",")
          .map((slug) => slug.trim())
          .filter(Boolean)
      : null;
  return { url, token, org: requireString(values, "org"), projects, issuesDays, dryRun: values["dry-run"] === true };
}

export const importSentryCommand: Command = {
  options: {
    url: { type: "string" },
    token: { type: "string" },
    org: { type: "string" },
    projects: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    "issues-days": { type: "string" },
  },
  async run(values, { env, out }) {
    const config = readCliConfig(env);
    const options = readOptions(values, env);
    const source = createSourceClient(options.url, options.token);
    const orgPath = `organizations/${encodeURIComponent(options.org)}`;
    const org = await source.get(`${orgPath}/`, sourceOrganization);
    if (!org) throw new CliError(`${source.origin} has no organization "${options.org}" that this token can see.`, 1);
    const listed = (await source.list(`${orgPath}/projects/`, sourceProjectSummary)) ?? [];
    if (options.projects) {
      const unknown = options.projects.filter((slug) => !listed.some((project) => project.slug === slug));
      if (unknown.length > 0)
        throw new CliError(
          `No such project in ${org.slug}: ${unknown.join(", ")} (it has: ${listed.map((p) => p.slug).join(", ")})`,
          2,
        );
    }
    const projects = options.projects ? listed.filter((project) => options.projects?.includes(project.slug)) : listed;
    const members = (await source.list(`${orgPath}/members/`, sourceMember)) ?? [];
    const memberEmails = new Map(
      members.flatMap((m) => {
        const email = m.email ?? m.user?.email;
        return email ? [[m.id, email] as const, ...(m.user?.id ? [[String(m.user.id), email] as const] : [])] : [];
      }),
    );
    const teams = (await source.list(`${orgPath}/teams/`, sourceTeam)) ?? [];
    const releases = (await source.list(`${orgPath}/releases/`, sourceRelease)) ?? [];

    const { result: report, keyChanges } = await withDatabase(config.DATABASE_URL, async (db) => {
      const repo = createSentryImportRepo(db);
      const existingOrg = await db.organization.findUnique({ where: { slug: org.slug } });
      const progress = createProgress();
      const notCarriedOver: Skipped[] = [];
      const outcomes: ProjectOutcome[] = [];
      const keyChanges: KeyChange[] = [];
      const steps = options.issuesDays === null ? 4 : 5;
      for (const project of projects) {
        let done = 0;
        const step = (label: string) => progress.show(project.slug, done++, steps, label);
        try {
          const read = await readProject(source, org, project.slug, {
            issuesDays: options.issuesDays,
            memberEmails,
            step,
          });
          notCarriedOver.push(...read.skipped);
          step(options.dryRun ? "checking" : "writing");
          const counts = await repo.importProject(read.input, options.dryRun);
          outcomes.push({ slug: project.slug, counts, error: null });
          if (counts.projectId !== null && counts.keys.created > 0) {
            keyChanges.push({ projectId: counts.projectId });
            for (let i = 0; i < read.input.keys.length; i += 1000)
              keyChanges.push({ publicKeys: read.input.keys.slice(i, i + 1000).map((key) => key.publicKey) });
          }
          progress.finish(project.slug, options.dryRun ? "checked" : "imported");
        } catch (error) {
          // A source that refuses or cannot be reached stops everything; a project that cannot be
          // written is reported and the others go on (it was rolled back whole).
          if (error instanceof CliError) throw error;
          if (!(error instanceof DsnConflictError || error instanceof DsnRaceError)) throw error;
          outcomes.push({ slug: project.slug, counts: null, error: error.message });
          progress.finish(project.slug, "NOT IMPORTED");
        }
      }
      const imported = new Set(projects.map((project) => project.slug));
      const releaseRows = releases
        .map((release) => ({
          version: release.version,
          ref: release.ref ?? null,
          url: release.url ?? null,
          dateCreated: release.dateCreated ? new Date(release.dateCreated) : null,
          dateReleased: release.dateReleased ? new Date(release.dateReleased) : null,
          projectSlugs: (release.projects ?? []).map((p) => p.slug).filter((slug) => imported.has(slug)),
        }))
        // With --projects, only releases of those projects.
        .filter((release) => !options.projects || release.projectSlugs.length > 0);
      if (!options.dryRun) await repo.ensureOrganization(org.slug, org.name);
      const releaseCounts = await repo.importReleases(org.slug, releaseRows, options.dryRun);
      const memberRows = members.flatMap((m) => {
        const email = m.email ?? m.user?.email;
        return email ? [{ email, role: ROLES[m.orgRole ?? m.role ?? "member"] ?? "member" }] : [];
      });
      const memberCounts = await repo.importMembers(org.slug, memberRows, options.dryRun);
      const result: ImportReport = {
        source: source.origin,
        dryRun: options.dryRun,
        organization: { slug: org.slug, status: existingOrg ? "exists" : "created" },
        projects: outcomes,
        releases: releaseCounts,
        members: {
          added: memberCounts.added,
          existing: memberCounts.existing,
          notCarriedOver: memberCounts.withoutAccount.length + (members.length - memberRows.length),
        },
        teams: teams.length,
        notCarriedOver,
      };
      return { result, keyChanges };
    });

    out(values.json ? `${JSON.stringify(report)}\n` : formatReport(report));
    const warning = await announceKeyChanges(config.REDIS_URL, keyChanges);
    if (warning) process.stderr.write(`${warning}\n`);
    const failed = report.projects.filter((project) => project.error !== null);
    if (failed.length > 0)
      throw new CliError(
        `${failed.length} of ${report.projects.length} projects were not imported (${failed.map((p) => p.slug).join(", ")}): nothing of them was written. Fix the conflict and run the same command again; what is already imported is matched, not duplicated.`,
        1,
      );
  },
};
