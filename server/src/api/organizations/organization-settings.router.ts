import { updateOrganizationBody } from "@faultline/core";
import type { Database } from "@faultline/db";
import { Router } from "express";
import { sentryScopeNames } from "../../auth/permissions";
import type { KeyChangeNotifier } from "../../ingest/key-changes";
import type { Access } from "../access";
import { badRequest, forbidden } from "../api-error";
import type { AuditTrail } from "../audit";
import { requirePrincipal } from "../principal";
import { parse } from "../validate";
import { createOrganizationSettingsService } from "./organization-settings.service";
import { serializeOrganization } from "./serialize-organization";

/** Sentry's `PUT` and `DELETE /organizations/{org}/`: the settings page's rename and delete. */
export function createOrganizationSettingsRouter(deps: {
  db: Database;
  access: Access;
  audit: AuditTrail;
  publicUrl: string;
  keyChanges: KeyChangeNotifier;
}): Router {
  const { db, access, audit, publicUrl, keyChanges } = deps;
  const service = createOrganizationSettingsService(db);
  const router = Router();

  router.put("/organizations/:org/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const body = parse(updateOrganizationBody, req.body);
    // As Sentry: whoever requires two-factor of everyone must have it themselves, or be locked out.
    if (body.require2FA === true && !principal.user.has2fa)
      throw badRequest("require2FA: turn on two-factor authentication for your own account first");
    const updated = await service.update(org.organization.id, body);
    await audit(req, principal, org.organization.id, "org.edit", updated.slug, {
      changed: Object.keys(body),
      ...(body.slug !== undefined && body.slug !== org.organization.slug
        ? { previousSlug: org.organization.slug }
        : {}),
    });
    res.json({ ...serializeOrganization(updated, publicUrl), access: sentryScopeNames(org.scopes), orgRole: org.role });
  });

  // Owners alone, as in Sentry (org:admin); the token must carry the admin scope too.
  router.delete("/organizations/:org/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    if (org.role !== "owner") throw forbidden(`Your role (${org.role}) does not allow this: only owners delete.`);
    const projectIds = await service.delete(org.organization.id);
    // Ingest servers cache keys: drop the deleted projects' keys everywhere at once.
    for (const projectId of projectIds) await keyChanges({ projectId });
    res.status(202).json(serializeOrganization(org.organization, publicUrl));
  });

  return router;
}
