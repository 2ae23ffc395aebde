import { createActivityRepo, createIssuesRepo, type Database } from "@faultline/db";

type ActivityRow = Awaited<ReturnType<ReturnType<typeof createActivityRepo>["list"]>>[number];

export function serializeActivity(row: ActivityRow) {
  return {
    id: String(row.id),
    type: row.type,
    data: row.data,
    dateCreated: row.createdAt.toISOString(),
    user: row.user ? { id: String(row.user.id), email: row.user.email, name: row.user.name || row.user.email } : null,
  };
}

interface ActivityFacts {
  id: bigint;
  firstSeen: Date;
  lastRegressedAt: Date | null;
  regressionCount: number;
}

/**
 * An issue's activity, newest first: what was recorded (notes, status changes, assignment)
 * plus what the worker knows without a record — first seen and the last regression.
 */
export async function issueActivity(db: Database, issue: ActivityFacts) {
  const recorded = (await createActivityRepo(db).list(issue.id)).map(serializeActivity);
  const derived = [
    {
      id: `first-seen-${issue.id}`,
      type: "first_seen",
      data: {},
      dateCreated: issue.firstSeen.toISOString(),
      user: null,
    },
    ...(issue.lastRegressedAt
      ? [
          {
            id: `regression-${issue.id}`,
            type: "set_regression",
            data: { count: issue.regressionCount },
            dateCreated: issue.lastRegressedAt.toISOString(),
            user: null,
          },
        ]
      : []),
  ];
  return [...recorded, ...derived].sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
}

/** The issue's tag keys with their totals, by name: the `tags` of Sentry's issue detail. */
export async function issueTagKeys(db: Database, issueId: bigint) {
  const rows = await createIssuesRepo(db).tagSummary(issueId, 1);
  const byKey = new Map<string, { key: string; name: string; totalValues: number; uniqueValues: number }>();
  for (const row of rows) {
    if (!byKey.has(row.key))
      byKey.set(row.key, {
        key: row.key,
        name: row.key,
        totalValues: Number(row.total),
        uniqueValues: Number(row.distinct),
      });
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name));
}
