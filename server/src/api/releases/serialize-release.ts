import type { ReleaseVersionRow } from "@faultline/db";
import { releaseAuthors, serializeCommit, storedAuthors, storedCommits } from "./serialize-commit";
import { versionInfo } from "./version-info";

export interface ProjectSummary {
  id: number;
  slug: string;
  name: string;
  platform: string;
}

export interface DeployRow {
  id: number;
  environment: string;
  name: string | null;
  url: string | null;
  dateStarted: Date | null;
  dateFinished: Date;
}

/** Crash-free rates from session_stat totals and release_session_user counts (Sentry's healthData). */
export interface HealthTotals {
  total: number;
  crashed: number;
  errored: number;
  abnormal: number;
  /** Distinct users (session `did`); null when no session named its user. */
  users: number | null;
  crashedUsers: number | null;
}

export function serializeDeploy(deploy: DeployRow) {
  return {
    id: String(deploy.id),
    environment: deploy.environment,
    name: deploy.name,
    url: deploy.url,
    dateStarted: deploy.dateStarted?.toISOString() ?? null,
    dateFinished: deploy.dateFinished.toISOString(),
  };
}

function userRate(t: HealthTotals | undefined): number | null {
  if (!t || t.users === null || t.users === 0) return null;
  return Math.round(((t.users - (t.crashedUsers ?? 0)) / t.users) * 100_000) / 1000;
}

export function serializeHealth(totals: HealthTotals | undefined, byEnvironment: Map<string, HealthTotals>) {
  const rate = (t: HealthTotals | undefined) =>
    t && t.total > 0 ? Math.round(((t.total - t.crashed) / t.total) * 100_000) / 1000 : null;
  return {
    hasHealthData: (totals?.total ?? 0) > 0,
    crashFreeSessions: rate(totals),
    crashFreeUsers: userRate(totals),
    totalSessions: totals?.total ?? 0,
    sessionsCrashed: totals?.crashed ?? 0,
    sessionsErrored: totals?.errored ?? 0,
    sessionsAbnormal: totals?.abnormal ?? 0,
    totalUsers: totals?.users ?? null,
    // Faultline: the same per environment ("" is events without one).
    environments: Object.fromEntries(
      [...byEnvironment].map(([environment, t]) => [
        environment,
        {
          crashFreeSessions: rate(t),
          crashFreeUsers: userRate(t),
          totalSessions: t.total,
          sessionsCrashed: t.crashed,
          totalUsers: t.users,
        },
      ]),
    ),
  };
}

/** Sentry's release shape (what `sentry-cli releases list/info` and the dashboard read). */
export function serializeRelease(
  row: ReleaseVersionRow,
  extras: {
    projects: (ProjectSummary & { newGroups: number; health?: ReturnType<typeof serializeHealth> })[];
    deploys: DeployRow[];
    commits?: unknown[];
  },
) {
  const newGroups = extras.projects.reduce((sum, project) => sum + project.newGroups, 0);
  const lastDeploy = extras.deploys[0];
  const [lastCommit] = storedCommits(row.last_commit === null ? [] : [row.last_commit]);
  return {
    id: row.release_id,
    version: row.version,
    shortVersion: row.version,
    ref: row.ref,
    url: row.url,
    status: row.status ?? "open",
    dateCreated: row.date_created.toISOString(),
    dateStarted: row.date_started?.toISOString() ?? null,
    dateReleased: row.date_released?.toISOString() ?? null,
    firstEvent: row.first_event?.toISOString() ?? null,
    lastEvent: row.last_event?.toISOString() ?? null,
    newGroups,
    commitCount: row.commit_count ?? 0,
    lastCommit: lastCommit
      ? {
          ...serializeCommit(lastCommit, row.date_created),
          // Sentry lists the releases a commit is in; Faultline keeps commits per release.
          releases: [
            {
              version: row.version,
              shortVersion: row.version,
              ref: row.ref,
              url: row.url,
              dateReleased: row.date_released?.toISOString() ?? null,
              dateCreated: row.date_created.toISOString(),
            },
          ],
        }
      : null,
    deployCount: extras.deploys.length,
    lastDeploy: lastDeploy ? serializeDeploy(lastDeploy) : null,
    deploys: extras.deploys.map(serializeDeploy),
    authors: releaseAuthors(storedAuthors(row.authors)),
    owner: null,
    data: {},
    versionInfo: versionInfo(row.version),
    currentProjectMeta: {},
    // The user agent of the client that created the release: not recorded.
    userAgent: null,
    projects: extras.projects.map((project) => ({
      id: project.id,
      slug: project.slug,
      name: project.name,
      platform: project.platform,
      platforms: [project.platform],
      newGroups: project.newGroups,
      hasHealthData: project.health?.hasHealthData ?? false,
      ...(project.health ? { healthData: project.health } : {}),
    })),
  };
}
