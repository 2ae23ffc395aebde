import { createTokenBody, int4Id } from "@faultline/core";
import { Router, type Request, type Response } from "express";
import { forbidden, notFound } from "../api-error";
import type { AccountAuditTrail } from "../audit";
import { requirePrincipal } from "../principal";
import { parse } from "../validate";
import { serializeToken, type TokensService } from "./tokens.service";

/** Sentry's `/api/0/api-tokens/`: a user's own tokens. */
export function createTokensRouter(service: TokensService, audit: AccountAuditTrail): Router {
  const router = Router();

  /** Tokens can mint or revoke tokens only with the admin scope (a leaked read token stays read). */
  function manager(res: Response) {
    const principal = requirePrincipal(res);
    if (principal.via === "token" && !principal.tokenScopes.includes("admin"))
      throw forbidden('Managing tokens needs a session or a token with the "admin" scope.');
    return principal;
  }

  router.get("/api-tokens/", async (_req, res) => {
    const principal = requirePrincipal(res);
    res.json((await service.list(principal.user.id)).map(serializeToken));
  });

  router.post("/api-tokens/", async (req, res) => {
    const principal = manager(res);
    const body = parse(createTokenBody, req.body);
    const created = await service.create(principal.user.id, body.name, body.scopes);
    await audit(req, principal, "apitoken.create", String(created.id), { name: body.name, scopes: body.scopes });
    res.status(201).json(serializeToken(created));
  });

  const revoke = async (req: Request, res: Response, rawId: unknown) => {
    const principal = manager(res);
    const id = parse(int4Id, rawId);
    if (!(await service.revoke(principal.user.id, id))) throw notFound();
    await audit(req, principal, "apitoken.remove", String(id));
    res.status(204).end();
  };
  router.delete("/api-tokens/:tokenId/", (req, res) => revoke(req, res, req.params.tokenId));
  // Sentry's form: DELETE /api-tokens/ with {"tokenId": ...}.
  router.delete("/api-tokens/", (req, res) =>
    revoke(req, res, (req.body as { tokenId?: unknown } | undefined)?.tokenId),
  );

  return router;
}
