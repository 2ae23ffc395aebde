import type { Database } from "./client";
export type { SavedSearch } from "./generated/prisma/client";

export type SavedSearchVisibility = "owner" | "organization" | "owner_pinned";

export interface SavedSearchFields {
  type: number;
  name: string;
  query: string;
  sort: string;
  visibility: SavedSearchVisibility;
}

/** Saved issue searches: the organization's shared ones and each user's own and pinned one. */
export function createSavedSearchesRepo(db: Database) {
  return {
    /** What a user sees: the organization's searches, then their own (pinned included). */
    visibleTo: (organizationId: number, userId: number) =>
      db.savedSearch.findMany({
        where: { organizationId, OR: [{ ownerId: null }, { ownerId: userId }] },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      }),

    find: (organizationId: number, id: number) => db.savedSearch.findFirst({ where: { organizationId, id } }),

    create: (organizationId: number, ownerId: number | null, fields: SavedSearchFields) =>
      db.savedSearch.create({ data: { organizationId, ownerId, ...fields } }),

    update: (id: number, ownerId: number | null, fields: Partial<SavedSearchFields>) =>
      db.savedSearch.update({ where: { id }, data: { ...fields, ownerId } }),

    delete: (id: number) => db.savedSearch.delete({ where: { id } }),

    /** Pins the query as the user's default, replacing the one pinned before. */
    pin: (organizationId: number, ownerId: number, type: number, query: string, sort: string) =>
      db.$transaction(async (tx) => {
        await tx.savedSearch.deleteMany({ where: { organizationId, ownerId, type, visibility: "owner_pinned" } });
        return tx.savedSearch.create({
          data: { organizationId, ownerId, type, name: "My Pinned Search", query, sort, visibility: "owner_pinned" },
        });
      }),

    unpin: (organizationId: number, ownerId: number, type: number) =>
      db.savedSearch.deleteMany({ where: { organizationId, ownerId, type, visibility: "owner_pinned" } }),
  };
}
