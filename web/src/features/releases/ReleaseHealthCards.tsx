import { formatCount } from "../../lib/time";
import type { ReleaseDetail } from "./release-types";

const percent = (value: number | null | undefined) => (value === null || value === undefined ? "—" : `${value}%`);

/** The numbers at the top of a release: new issues, crash-free sessions and users, commits. */
export function ReleaseHealthCards({ release }: { release: ReleaseDetail }) {
  const health = release.projects[0]?.healthData;
  const sessions = health?.totalSessions ?? 0;
  const cards: [string, string, string | undefined][] = [
    ["New issues", formatCount(release.newGroups), undefined],
    [
      "Crash-free sessions",
      health?.hasHealthData ? percent(health.crashFreeSessions) : "—",
      health?.hasHealthData ? `${sessions.toLocaleString("en-US")} session${sessions === 1 ? "" : "s"}` : "no sessions",
    ],
    [
      "Crash-free users",
      percent(health?.crashFreeUsers),
      health?.totalUsers
        ? `${health.totalUsers.toLocaleString("en-US")} user${health.totalUsers === 1 ? "" : "s"}`
        : "no users named",
    ],
    ["Commits", formatCount(release.commitCount), undefined],
    [
      "Deploys",
      formatCount(release.deployCount),
      release.lastDeploy ? `last to ${release.lastDeploy.environment}` : undefined,
    ],
  ];
  return (
    <div className="release-cards">
      {cards.map(([label, value, note]) => (
        <div key={label} className="release-card" role="group" aria-label={label}>
          <div className="count-label">{label}</div>
          <div className="count-value">{value}</div>
          {note ? <div className="muted small">{note}</div> : null}
        </div>
      ))}
    </div>
  );
}
