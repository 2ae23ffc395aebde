import { isReportContentType } from "@faultline/core";
import type { Request, Response } from "express";
import { authenticate } from "./authenticate";
import type { IngestDeps } from "./ingest.router";
import { IngestError } from "./ingest-error";
import { setProject } from "./invalid-outcomes";
import { emptyPlan } from "./plan";
import { readBody } from "./read-body";
import { readRequestAuth } from "./request-auth";
import { planSecurityReport } from "./security-items";
import { submitPlan } from "./submit";

/**
 * `/security/` and `/csp-report/`: what browsers post for CSP `report-uri`/`report-to`,
 * Expect-CT, Expect-Staple and HPKP (sentry-protocol.md §2.4). Answers 200 with no body.
 */
export function createSecurityRoute(deps: IngestDeps) {
  return async (req: Request<{ projectId: string }>, res: Response): Promise<void> => {
    const key = await authenticate(req.params.projectId, { request: readRequestAuth(req) }, deps.keys);
    setProject(res, key.projectId);
    if (!isReportContentType(req.headers["content-type"])) {
      req.resume();
      throw new IngestError(415, "unsupported content type for a security report");
    }
    const body = await readBody(req, {
      maxCompressed: deps.limits.maxCompressed,
      maxDecompressed: deps.limits.maxEventBytes,
    });
    if (body.length === 0) throw new IngestError(400, "empty request body");
    const plan = emptyPlan(key.projectId);
    planSecurityReport(
      plan,
      body,
      { projectId: key.projectId, receivedAt: Date.now(), clientIp: req.ip },
      {
        userAgent: req.headers["user-agent"],
        release: queryString(req.query.sentry_release),
        environment: queryString(req.query.sentry_environment),
      },
    );
    const result = await submitPlan(deps, key, plan);
    res.status(result.status).set(result.headers);
    if (result.status === 429) res.json({ detail: "rate limited" });
    else res.end();
  };
}

function queryString(value: unknown): string | undefined {
  return typeof value === "string" && value.length <= 250 ? value : undefined;
}
