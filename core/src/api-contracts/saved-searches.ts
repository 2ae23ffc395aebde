import { z } from "zod";

/** Sentry's search types; Faultline saves issue searches (0) only. */
const searchType = z.literal(0).default(0);
const sort = z.enum(["date", "new", "freq", "user", "priority", "trends"]).default("date");

/** `POST /organizations/{org}/searches/` (Sentry's fields). */
export const createSavedSearchBody = z
  .object({
    type: searchType,
    name: z.string().trim().min(1).max(128),
    query: z.string().max(4000),
    sort,
    visibility: z.enum(["owner", "organization"]).default("owner"),
  })
  .strict();

/** `PUT /organizations/{org}/searches/{id}/`: any of the fields. */
export const updateSavedSearchBody = z
  .object({
    name: z.string().trim().min(1).max(128),
    query: z.string().max(4000),
    sort: z.enum(["date", "new", "freq", "user", "priority", "trends"]),
    visibility: z.enum(["owner", "organization"]),
  })
  .partial()
  .strict();

/** `PUT /organizations/{org}/pinned-searches/`: the caller's default issue search. */
export const pinSearchBody = z.object({ type: searchType, query: z.string().max(4000), sort }).strict();

/** `DELETE /organizations/{org}/pinned-searches/`. */
export const unpinSearchBody = z.object({ type: searchType }).strict();

export type CreateSavedSearchBody = z.infer<typeof createSavedSearchBody>;
export type UpdateSavedSearchBody = z.infer<typeof updateSavedSearchBody>;
export type PinSearchBody = z.infer<typeof pinSearchBody>;
