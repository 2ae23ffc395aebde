import { createReleasesRepo, type Database } from "@faultline/db";
import { serializeDeploy } from "../releases/serialize-release";

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
export async function issueReleases(db: Database, organizationId: number, issue: IssueReleaseFacts) {
  const releases = createReleasesRepo(db);

  async function describe(version: string | null) {
    if (!version) return null;
    const release = await releases.find(organizationId, version);
    const [lastDeploy] = release ? await releases.deploysOf([release.id]) : [];
    return {
      version,
      shortVersion: version,
      dateCreated: release?.createdAt.toISOString() ?? null,
      dateReleased: release?.dateReleased?.toISOString() ?? null,
      lastDeploy: lastDeploy ? serializeDeploy(lastDeploy) : null,
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
