import { assembleBundleBody } from "@faultline/core";
import type { Database } from "@faultline/db";
import { Router } from "express";
import type { Access } from "../access";
import { requirePrincipal } from "../principal";
import { projectsByRef } from "../releases/release-projects";
import { parse } from "../validate";
import type { BundleAssembler } from "./assemble-bundle";

/** `POST /organizations/{org}/artifactbundle/assemble/` — see assemble-bundle.ts. */
export function createArtifactBundlesRouter(deps: { db: Database; access: Access; assemble: BundleAssembler }): Router {
  const router = Router();
  router.post("/organizations/:org/artifactbundle/assemble/", async (req, res) => {
    const found = await deps.access.org(requirePrincipal(res), req.params.org, "write");
    const body = parse(assembleBundleBody, req.body);
    const projects = await projectsByRef(deps.db, found.organization.id, body.projects);
    const answer = await deps.assemble(
      found.organization.id,
      projects.map((project) => project.id),
      body,
    );
    res.json(answer);
  });
  return router;
}
