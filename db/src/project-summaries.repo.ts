import type { Database } from "./client";

/** What Sentry's project summaries tell beyond the project row, read for a page of projects at once. */
export interface ProjectFacts {
  platforms: string[];
  environments: string[];
  latestRelease: string | null;
  hasUserReports: boolean;
  hasSessions: boolean;
  hasMonitors: boolean;
}

const NONE: ProjectFacts = {
  platforms: [],
  environments: [],
  latestRelease: null,
  hasUserReports: false,
  hasSessions: false,
  hasMonitors: false,
};

/**
 * One query for any number of projects; each part is an index lookup per project (no events are
 * read): platforms and environments from their rollups, the latest release by the same order as
 * the release list (created, else first seen), user reports, sessions and monitors by existence.
 */
export function createProjectSummariesRepo(db: Database) {
  return {
    async factsOf(projectIds: number[]): Promise<Map<number, ProjectFacts>> {
      const out = new Map<number, ProjectFacts>();
      if (projectIds.length === 0) return out;
      const rows = await db.$queryRaw<
        {
          id: number;
          platforms: string[];
          environments: string[];
          latest_release: string | null;
          has_user_reports: boolean;
          has_sessions: boolean;
          has_monitors: boolean;
        }[]
      >`
        SELECT p.id,
          ARRAY(SELECT pp.platform FROM project_platform pp WHERE pp.project_id = p.id ORDER BY pp.platform) AS platforms,
          ARRAY(SELECT pe.name FROM project_environment pe WHERE pe.project_id = p.id AND pe.name <> '' ORDER BY pe.name)
            AS environments,
          (SELECT v.version FROM (
             (SELECT r.version, COALESCE(r.date_released, r.created_at) AS at
              FROM release_project rp JOIN release r ON r.id = rp.release_id
              WHERE rp.project_id = p.id ORDER BY at DESC, r.version DESC LIMIT 1)
             UNION ALL
             (SELECT pr.version, pr.first_seen AS at FROM project_release pr
              WHERE pr.project_id = p.id ORDER BY pr.first_seen DESC, pr.version DESC LIMIT 1)
           ) v ORDER BY v.at DESC, v.version DESC LIMIT 1) AS latest_release,
          EXISTS (SELECT 1 FROM user_feedback uf WHERE uf.project_id = p.id) AS has_user_reports,
          EXISTS (SELECT 1 FROM session_stat ss WHERE ss.project_id = p.id) AS has_sessions,
          EXISTS (SELECT 1 FROM monitor m WHERE m.project_id = p.id) AS has_monitors
        FROM project p WHERE p.id = ANY(${projectIds}::int[])`;
      for (const row of rows) {
        out.set(row.id, {
          platforms: row.platforms,
          environments: row.environments,
          latestRelease: row.latest_release,
          hasUserReports: row.has_user_reports,
          hasSessions: row.has_sessions,
          hasMonitors: row.has_monitors,
        });
      }
      return out;
    },
  };
}

/** The facts of a project that has none recorded (no events yet). */
export function noProjectFacts(): ProjectFacts {
  return { ...NONE, platforms: [], environments: [] };
}

export type ProjectSummariesRepo = ReturnType<typeof createProjectSummariesRepo>;
