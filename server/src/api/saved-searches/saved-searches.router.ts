import {
  createSavedSearchBody,
  parseInt4Id,
  pinSearchBody,
  unpinSearchBody,
  updateSavedSearchBody,
} from "@faultline/core";
import { createSavedSearchesRepo, type Database, type SavedSearch } from "@faultline/db";
import { Router } from "express";
import type { Access, OrgAccess } from "../access";
import { badRequest, forbidden, notFound } from "../api-error";
import type { AuditTrail } from "../audit";
import { requirePrincipal } from "../principal";
import { parse } from "../validate";

const ORG_WIDE = "Only organization admins and owners can share a search with the organization.";

/** Sentry's saved search shape; `isPinned` marks the caller's pinned search and its twins. */
function serialize(search: SavedSearch, pinned: SavedSearch | undefined) {
  return {
    id: String(search.id),
    type: search.type,
    name: search.name,
    query: search.query,
    sort: search.sort,
    visibility: search.visibility,
    isGlobal: false,
    isPinned: pinned !== undefined && pinned.query === search.query && pinned.sort === search.sort,
    dateCreated: search.createdAt.toISOString(),
  };
}

/**
 * Saved searches (Sentry's `/organizations/{org}/searches/` and `/pinned-searches/`): anyone
 * who can read the organization keeps their own and pins a default; sharing one with the whole
 * organization, or changing a shared one, takes the admin scope and is audited.
 */
export function createSavedSearchesRouter(deps: { db: Database; access: Access; audit: AuditTrail }): Router {
  const { db, access, audit } = deps;
  const searches = createSavedSearchesRepo(db);
  const router = Router();

  /** A search the caller may change: their own, or a shared one if they are an admin. */
  async function editable(org: OrgAccess, userId: number, rawId: string) {
    const id = parseInt4Id(rawId);
    const search = id === undefined ? null : await searches.find(org.organization.id, id);
    // Someone else's own search answers as if it did not exist.
    if (!search || (search.ownerId !== null && search.ownerId !== userId)) throw notFound();
    if (search.ownerId === null && !org.scopes.includes("admin")) throw forbidden(ORG_WIDE);
    return search;
  }

  router.get("/organizations/:org/searches/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "read");
    const rows = await searches.visibleTo(org.organization.id, principal.user.id);
    const pinned = rows.find((row) => row.visibility === "owner_pinned");
    res.json(rows.map((row) => serialize(row, pinned)));
  });

  router.post("/organizations/:org/searches/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "read");
    const body = parse(createSavedSearchBody, req.body);
    const shared = body.visibility === "organization";
    if (shared && !org.scopes.includes("admin")) throw forbidden(ORG_WIDE);
    // As Sentry: a name already among the searches the caller sees would make two identical chips.
    const visible = await searches.visibleTo(org.organization.id, principal.user.id);
    if (visible.some((search) => search.visibility !== "owner_pinned" && search.name === body.name))
      throw badRequest(`name: "${body.name}" is already in use`);
    const created = await searches.create(org.organization.id, shared ? null : principal.user.id, body);
    if (shared) await audit(req, principal, org.organization.id, "savedsearch.add", body.name, { query: body.query });
    res.status(201).json(serialize(created, undefined));
  });

  router.put("/organizations/:org/searches/:id/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "read");
    const before = await editable(org, principal.user.id, req.params.id);
    const body = parse(updateSavedSearchBody, req.body);
    const visibility = body.visibility ?? before.visibility;
    const shared = visibility === "organization";
    if (shared && !org.scopes.includes("admin")) throw forbidden(ORG_WIDE);
    const updated = await searches.update(before.id, shared ? null : (before.ownerId ?? principal.user.id), {
      ...body,
      visibility:
        before.visibility === "owner_pinned" && body.visibility === undefined ? "owner_pinned" : body.visibility,
    });
    if (shared || before.ownerId === null)
      await audit(req, principal, org.organization.id, "savedsearch.edit", updated.name, { query: updated.query });
    res.json(serialize(updated, undefined));
  });

  router.delete("/organizations/:org/searches/:id/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "read");
    const search = await editable(org, principal.user.id, req.params.id);
    await searches.delete(search.id);
    if (search.ownerId === null) await audit(req, principal, org.organization.id, "savedsearch.remove", search.name);
    res.status(204).end();
  });

  router.put("/organizations/:org/pinned-searches/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "read");
    const body = parse(pinSearchBody, req.body);
    const pinned = await searches.pin(org.organization.id, principal.user.id, body.type, body.query, body.sort);
    res.json(serialize(pinned, pinned));
  });

  router.delete("/organizations/:org/pinned-searches/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "read");
    const body = parse(unpinSearchBody, req.body);
    await searches.unpin(org.organization.id, principal.user.id, body.type);
    res.status(204).end();
  });

  return router;
}
