import type { ReleaseHealth } from "../../api/types";
import { plural } from "../../lib/text";

/** "99.2% (1,204 sessions)", with each environment when there are several; "no sessions" without data. */
export function crashFreeLabel(health: ReleaseHealth | undefined): string {
  if (!health || !health.hasHealthData || health.crashFreeSessions === null) return "no sessions";
  const overall = `${health.crashFreeSessions}% (${plural(health.totalSessions, "session")})`;
  const environments = Object.entries(health.environments).filter(([, value]) => value.totalSessions > 0);
  if (environments.length < 2) return overall;
  const parts = environments.map(([name, value]) => `${name || "(none)"} ${value.crashFreeSessions ?? "–"}%`);
  return `${overall} · ${parts.join(", ")}`;
}
