import { createReleasesRepo, type Database } from "@faultline/db";
import { releaseAuthors, serializeCommit, storedCommits } from "../releases/serialize-commit";
import { serializeDeploy } from "../releases/serialize-release";

/** The issue's project, as Sentry lists it in a release's `projects`. */
interface IssueProject {
  id: number;
  name: string;
  slug: string;
  platform: string | null;
}

interface IssueReleaseFacts {
  id: bigint;
  projectId: number;
  firstRelease: string | null;
  lastRelease: string | null;
  resolvedInRelease: string | null;
  lastRegressedAt: Date | null;
}

/**
 * The releases an issue's page shows: first and last seen in (with the release's dates and
 * last deploy when it was created through the API), the release it was resolved in, and — for
 * a regression — the release of the event that reopened it and the deploy that shipped it.
 */
export async function issueReleases(
  db: Database,
  organizationId: number,
  issue: IssueReleaseFacts,
  project: IssueProject,
) {
  const releases = createReleasesRepo(db);

  /**
   * Sentry's release shape for one version, seen from the issue's project. A version only ever
   * seen on events (no `releases new`) reads as created when its first event arrived.
   */
  async function describe(version: string | null) {
    if (!version) return null;
    const where = { projectId: project.id, version };
    const [release, seen, newGroups] = await Promise.all([
      releases.find(organizationId, version),
      db.projectRelease.findUnique({ where: { projectId_version: where } }),
      db.issue.count({ where: { projectId: project.id, firstRelease: version } }),
    ]);
    const deploys = release ? await releases.deploysOf([release.id]) : [];
    const [lastDeploy] = deploys;
    const commits = storedCommits(release?.commits);
    const [lastCommit] = commits;
    const created = release?.createdAt ?? seen?.firstSeen ?? null;
    return {
      version,
      shortVersion: version,
      ref: release?.ref ?? null,
      url: release?.url ?? null,
      dateCreated: created?.toISOString() ?? null,
      dateReleased: release?.dateReleased?.toISOString() ?? null,
      firstEvent: seen?.firstSeen.toISOString() ?? null,
      lastEvent: seen?.lastSeen.toISOString() ?? null,
      newGroups,
      commitCount: release?.commitCount ?? 0,
      lastCommit: lastCommit && release ? serializeCommit(lastCommit, release.createdAt) : null,
      authors: releaseAuthors(commits),
      deployCount: deploys.length,
      lastDeploy: lastDeploy ? serializeDeploy(lastDeploy) : null,
      owner: null,
      data: {},
      projects: [{ id: String(project.id), name: project.name, slug: project.slug, platform: project.platform }],
    };
  }

  let regression = null;
  if (issue.lastRegressedAt) {
    // The regressing event is the last one stored up to the moment the issue reopened.
    const event = await db.event.findFirst({
      where: { issueId: issue.id, receivedAt: { lte: issue.lastRegressedAt } },
      orderBy: { receivedAt: "desc" },
      select: { release: true, environment: true },
    });
    const deploy = event?.release
      ? await releases.latestDeploy(organizationId, event.release, event.environment, issue.lastRegressedAt)
      : null;
    regression = {
      date: issue.lastRegressedAt.toISOString(),
      release: event?.release ?? null,
      deploy: deploy ? serializeDeploy(deploy) : null,
    };
  }

  const [firstRelease, lastRelease, resolvedInRelease] = await Promise.all([
    describe(issue.firstRelease),
    describe(issue.lastRelease),
    describe(issue.resolvedInRelease),
  ]);
  return { firstRelease, lastRelease, resolvedInRelease, regression };
}
