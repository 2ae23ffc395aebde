import type { Database } from "./client";
import type { Prisma } from "./generated/prisma/client";

const ACTIVITY_FIELDS = {
  id: true,
  issueId: true,
  type: true,
  data: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true } },
} as const;

/** Sentry's Activity rows: comments ("note") and what people did to an issue. */
export function createActivityRepo(db: Database) {
  return {
    record: (entries: { issueId: bigint; userId: number | null; type: string; data?: Prisma.InputJsonValue }[]) =>
      db.issueActivity.createMany({ data: entries.map((entry) => ({ ...entry, data: entry.data ?? {} })) }),

    addNote: (issueId: bigint, userId: number, text: string) =>
      db.issueActivity.create({ data: { issueId, userId, type: "note", data: { text } }, select: ACTIVITY_FIELDS }),

    list: (issueId: bigint, types?: string[]) =>
      db.issueActivity.findMany({
        where: { issueId, ...(types ? { type: { in: types } } : {}) },
        orderBy: { id: "desc" },
        take: 500,
        select: ACTIVITY_FIELDS,
      }),
  };
}

export type ActivityRepo = ReturnType<typeof createActivityRepo>;
