import type { Database } from "./client";

export interface ReleaseInput {
  version: string;
  ref?: string | null | undefined;
  url?: string | null | undefined;
  dateStarted?: Date | null | undefined;
  dateReleased?: Date | null | undefined;
}

export interface ReleaseVersionRow {
  version: string;
  release_id: number | null;
  ref: string | null;
  url: string | null;
  date_started: Date | null;
  date_released: Date | null;
  commit_count: number | null;
  status: string | null;
  date_created: Date;
  first_event: Date | null;
  last_event: Date | null;
  /** The newest commit `set-commits` stored (the first sent), as stored; null when none. */
  last_commit: unknown;
  /** `[{author_name, author_email}]`: the commits' distinct authors by email, in commit order. */
  authors: unknown;
}

/**
 * Releases as the API shows them: those created through the API (`release`, linked to projects)
 * and those only seen on events (`project_release`), merged by version.
 */
export function createReleasesRepo(db: Database) {
  return {
    find: (organizationId: number, version: string) =>
      db.release.findUnique({
        where: { organizationId_version: { organizationId, version } },
        include: { projects: { select: { projectId: true } } },
      }),

    /** Creates the release, or links more projects to it; `created` tells which. */
    async upsert(organizationId: number, input: ReleaseInput, projectIds: number[]) {
      const existing = await db.release.findUnique({
        where: { organizationId_version: { organizationId, version: input.version } },
      });
      const release =
        existing ??
        (await db.release.upsert({
          where: { organizationId_version: { organizationId, version: input.version } },
          create: {
            organizationId,
            version: input.version,
            ref: input.ref ?? null,
            url: input.url ?? null,
            dateStarted: input.dateStarted ?? null,
            dateReleased: input.dateReleased ?? null,
          },
          update: {},
        }));
      await db.releaseProject.createMany({
        data: projectIds.map((projectId) => ({ releaseId: release.id, projectId })),
        skipDuplicates: true,
      });
      return { release, created: existing === null };
    },

    update: (
      id: number,
      changes: {
        ref?: string | null;
        url?: string | null;
        dateReleased?: Date | null;
        status?: string;
        commits?: object[];
        commitCount?: number;
      },
    ) => db.release.update({ where: { id }, data: changes }),

    addProjects: (releaseId: number, projectIds: number[]) =>
      db.releaseProject.createMany({
        data: projectIds.map((projectId) => ({ releaseId, projectId })),
        skipDuplicates: true,
      }),

    delete: (id: number) => db.release.delete({ where: { id } }),

    /** Versions visible in these projects, newest first (creation, else first event). */
    listVersions: (
      organizationId: number,
      projectIds: number[],
      options: {
        query?: string | undefined;
        limit: number;
        offset: number;
        versions?: string[];
        /** Also releases linked to no project (created at organization level with none). */
        unlinked?: boolean;
      },
    ) => db.$queryRaw<ReleaseVersionRow[]>`
      WITH versions AS (
        SELECT r.version FROM release r JOIN release_project rp ON rp.release_id = r.id
        WHERE r.organization_id = ${organizationId} AND rp.project_id = ANY(${projectIds}::int[])
        UNION
        SELECT pr.version FROM project_release pr WHERE pr.project_id = ANY(${projectIds}::int[])
        UNION
        SELECT r.version FROM release r
        WHERE ${options.unlinked ?? false} AND r.organization_id = ${organizationId}
          AND NOT EXISTS (SELECT 1 FROM release_project rp WHERE rp.release_id = r.id)
      ), seen AS (
        SELECT version, min(first_seen) AS first_event, max(last_seen) AS last_event FROM project_release
        WHERE project_id = ANY(${projectIds}::int[]) GROUP BY version
      )
      SELECT v.version, r.id AS release_id, r.ref, r.url, r.date_started, r.date_released, r.commit_count, r.status,
             COALESCE(r.created_at, s.first_event) AS date_created, s.first_event, s.last_event,
             r.commits->0 AS last_commit,
             (SELECT COALESCE(jsonb_agg(jsonb_build_object('author_name', a.name, 'author_email', a.email)
                                        ORDER BY a.first), '[]'::jsonb)
              FROM (SELECT min(c.ord) AS first, (array_agg(c.value->>'author_name' ORDER BY c.ord))[1] AS name,
                           (array_agg(c.value->>'author_email' ORDER BY c.ord))[1] AS email
                    FROM jsonb_array_elements(COALESCE(r.commits, '[]'::jsonb)) WITH ORDINALITY AS c(value, ord)
                    WHERE COALESCE(c.value->>'author_email', '') <> ''
                    GROUP BY lower(c.value->>'author_email')) a) AS authors
      FROM versions v
      LEFT JOIN release r ON r.organization_id = ${organizationId} AND r.version = v.version
      LEFT JOIN seen s ON s.version = v.version
      WHERE (${options.query ?? ""} = '' OR v.version ILIKE '%' || ${options.query ?? ""} || '%')
        AND (${options.versions ?? null}::text[] IS NULL OR v.version = ANY(${options.versions ?? null}::text[]))
      ORDER BY date_created DESC NULLS LAST, v.version DESC
      LIMIT ${options.limit} OFFSET ${options.offset}`,

    /** Projects each version belongs to (linked, or seen on an event). */
    projectsOf: (organizationId: number, projectIds: number[], versions: string[]) =>
      db.$queryRaw<{ version: string; project_id: number }[]>`
        SELECT r.version, rp.project_id FROM release r JOIN release_project rp ON rp.release_id = r.id
        WHERE r.organization_id = ${organizationId} AND r.version = ANY(${versions}::text[])
          AND rp.project_id = ANY(${projectIds}::int[])
        UNION
        SELECT version, project_id FROM project_release
        WHERE version = ANY(${versions}::text[]) AND project_id = ANY(${projectIds}::int[])`,

    /** Issues first seen in each version, per project (Sentry's `newGroups`). */
    newIssueCounts: (projectIds: number[], versions: string[]) =>
      db.$queryRaw<{ project_id: number; version: string; count: bigint }[]>`
        SELECT project_id, first_release AS version, count(*)::bigint AS count FROM issue
        WHERE project_id = ANY(${projectIds}::int[]) AND first_release = ANY(${versions}::text[])
        GROUP BY 1, 2`,

    /** Session totals per project, version and environment (release health). */
    sessionTotals: (projectIds: number[], versions: string[]) =>
      db.$queryRaw<
        {
          project_id: number;
          version: string;
          environment: string;
          total: bigint;
          crashed: bigint;
          errored: bigint;
          abnormal: bigint;
        }[]
      >`
        SELECT project_id, release AS version, environment, sum(total)::bigint AS total, sum(crashed)::bigint AS crashed,
               sum(errored)::bigint AS errored, sum(abnormal)::bigint AS abnormal
        FROM session_stat WHERE project_id = ANY(${projectIds}::int[]) AND release = ANY(${versions}::text[])
        GROUP BY 1, 2, 3`,

    /** Distinct users per environment, and (environment null) across environments. */
    sessionUserTotals: (projectIds: number[], versions: string[]) =>
      db.$queryRaw<
        { project_id: number; version: string; environment: string | null; users: bigint; crashed_users: bigint }[]
      >`
        SELECT project_id, release AS version, environment, count(DISTINCT did)::bigint AS users,
               count(DISTINCT did) FILTER (WHERE crashed)::bigint AS crashed_users
        FROM (SELECT project_id, release, environment, did, crashed FROM release_session_user
              WHERE project_id = ANY(${projectIds}::int[]) AND release = ANY(${versions}::text[])) u
        GROUP BY GROUPING SETS ((project_id, release, environment), (project_id, release))`,

    /**
     * The newest other release with commits, released (else created) no later than this one, in
     * any of its projects: where `set-commits --local` starts its range (Sentry's
     * previous-with-commits). `projectIds` narrows to those projects.
     */
    async previousWithCommits(release: { id: number; organizationId: number }, projectIds?: number[]) {
      const rows = await db.$queryRaw<{ version: string }[]>`
        SELECT p.version FROM release r JOIN release p ON p.organization_id = r.organization_id
        WHERE r.id = ${release.id} AND p.id <> r.id AND p.commit_count > 0
          AND COALESCE(p.date_released, p.created_at) <= COALESCE(r.date_released, r.created_at)
          AND EXISTS (SELECT 1 FROM release_project rp JOIN release_project pp ON pp.project_id = rp.project_id
                      WHERE rp.release_id = r.id AND pp.release_id = p.id
                        AND (${projectIds ?? null}::int[] IS NULL OR rp.project_id = ANY(${projectIds ?? null}::int[])))
        ORDER BY COALESCE(p.date_released, p.created_at) DESC, p.id DESC LIMIT 1`;
      return rows[0]?.version ?? null;
    },

    deploysOf: (releaseIds: number[]) =>
      db.deploy.findMany({ where: { releaseId: { in: releaseIds } }, orderBy: { dateFinished: "desc" } }),

    createDeploy: (input: {
      releaseId: number;
      environment: string;
      name?: string | null;
      url?: string | null;
      dateStarted?: Date | null;
      dateFinished?: Date;
    }) => db.deploy.create({ data: input }),

    /** The latest deploy of a version to an environment at or before a moment ("brought it back"). */
    latestDeploy: (organizationId: number, version: string, environment: string | null, before: Date) =>
      db.deploy.findFirst({
        where: {
          release: { organizationId, version },
          ...(environment ? { environment } : {}),
          dateFinished: { lte: before },
        },
        orderBy: { dateFinished: "desc" },
      }),
  };
}

export type ReleasesRepo = ReturnType<typeof createReleasesRepo>;
