import { createReleasesRepo, type Database, type ReleaseVersionRow } from "@faultline/db";
import { serializeHealth, serializeRelease, type HealthTotals, type ProjectSummary } from "./serialize-release";

/**
 * Release lists and details: versions (created or seen), their projects, new issues, deploys and
 * release health, each fetched once per page rather than per release.
 */
export function createReleasesService(db: Database) {
  const repo = createReleasesRepo(db);

  async function describe(
    organizationId: number,
    projects: ProjectSummary[],
    rows: ReleaseVersionRow[],
    options: { health: boolean; environment?: string | undefined },
  ) {
    const versions = rows.map((row) => row.version);
    const projectIds = projects.map((project) => project.id);
    if (versions.length === 0) return [];
    const releaseIds = rows.flatMap((row) => (row.release_id === null ? [] : [row.release_id]));
    const [links, counts, deploys, sessions] = await Promise.all([
      repo.projectsOf(organizationId, projectIds, versions),
      repo.newIssueCounts(projectIds, versions),
      releaseIds.length > 0 ? repo.deploysOf(releaseIds) : Promise.resolve([]),
      options.health ? repo.sessionTotals(projectIds, versions) : Promise.resolve([]),
    ]);
    const users = options.health ? await repo.sessionUserTotals(projectIds, versions) : [];
    const byId = new Map(projects.map((project) => [project.id, project]));
    return rows.map((row) => {
      const health = healthOf(sessions, users, row.version, options.environment);
      const releaseProjects = links
        .filter((link) => link.version === row.version)
        .flatMap((link) => {
          const project = byId.get(link.project_id);
          if (!project) return [];
          const newGroups = Number(
            counts.find((count) => count.version === row.version && count.project_id === project.id)?.count ?? 0,
          );
          const projectHealth = health.get(project.id);
          return [
            {
              ...project,
              newGroups,
              ...(options.health
                ? { health: serializeHealth(projectHealth?.all, projectHealth?.byEnvironment ?? new Map()) }
                : {}),
            },
          ];
        })
        .sort((a, b) => a.slug.localeCompare(b.slug));
      return serializeRelease(row, {
        projects: releaseProjects,
        deploys: deploys.filter((deploy) => deploy.releaseId === row.release_id),
      });
    });
  }

  return {
    repo,
    async list(
      organizationId: number,
      projects: ProjectSummary[],
      options: {
        query?: string;
        limit: number;
        offset: number;
        health: boolean;
        environment?: string | undefined;
        unlinked?: boolean;
      },
    ) {
      const rows = await repo.listVersions(
        organizationId,
        projects.map((project) => project.id),
        { query: options.query, limit: options.limit + 1, offset: options.offset, unlinked: options.unlinked },
      );
      const more = rows.length > options.limit;
      return { releases: await describe(organizationId, projects, rows.slice(0, options.limit), options), more };
    },
    async detail(
      organizationId: number,
      projects: ProjectSummary[],
      version: string,
      options: { health: boolean; environment?: string | undefined; unlinked?: boolean },
    ) {
      const rows = await repo.listVersions(
        organizationId,
        projects.map((project) => project.id),
        { limit: 1, offset: 0, versions: [version], unlinked: options.unlinked },
      );
      const [release] = await describe(organizationId, projects, rows, options);
      return release;
    },
  };
}

export type ReleasesService = ReturnType<typeof createReleasesService>;

type ReleasesRepo = ReturnType<typeof createReleasesRepo>;
type SessionRow = Awaited<ReturnType<ReleasesRepo["sessionTotals"]>>[number];
type SessionUserRow = Awaited<ReturnType<ReleasesRepo["sessionUserTotals"]>>[number];

function healthOf(rows: SessionRow[], userRows: SessionUserRow[], version: string, environment: string | undefined) {
  const out = new Map<number, { all: HealthTotals; byEnvironment: Map<string, HealthTotals> }>();
  const usersOf = (projectId: number, env: string | null) => {
    const row = userRows.find((u) => u.project_id === projectId && u.version === version && u.environment === env);
    return row
      ? { users: Number(row.users), crashedUsers: Number(row.crashed_users) }
      : { users: null, crashedUsers: null };
  };
  for (const row of rows) {
    if (row.version !== version) continue;
    if (environment !== undefined && row.environment !== environment) continue;
    const entry = out.get(row.project_id) ?? {
      all: { total: 0, crashed: 0, errored: 0, abnormal: 0, ...usersOf(row.project_id, environment ?? null) },
      byEnvironment: new Map<string, HealthTotals>(),
    };
    const totals = {
      total: Number(row.total),
      crashed: Number(row.crashed),
      errored: Number(row.errored),
      abnormal: Number(row.abnormal),
      ...usersOf(row.project_id, row.environment),
    };
    entry.all.total += totals.total;
    entry.all.crashed += totals.crashed;
    entry.all.errored += totals.errored;
    entry.all.abnormal += totals.abnormal;
    entry.byEnvironment.set(row.environment, totals);
    out.set(row.project_id, entry);
  }
  return out;
}
