import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQueryString } from "node:querystring";
import proxyaddr from "proxy-addr";
import { answerError } from "../http/error-handler";
import { recordIngestRequest } from "../http/ingest-metrics";
import { INGEST_CORS_HEADERS } from "./cors";
import { createEnvelopeRoute } from "./envelope.route";
import type { IngestDeps } from "./ingest.router";
import type { IngestRequest, IngestResponse } from "./ingest-http";
import { countInvalidOutcome } from "./invalid-outcomes";
import { createStoreRoute } from "./store.route";

export interface FastPathOptions {
  /** Path prefix from PUBLIC_URL ("" or "/tracker"); posts are taken with and without it. */
  pathPrefix: string;
  /** Express's compiled "trust proxy" function, so client addresses are read the same way. */
  trust: (address: string, hop: number) => boolean;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * SDK event posts (`/api/<id>/envelope/` and `/api/<id>/store/`) are nearly all of the traffic,
 * and Express's per-request set-up and routing cost more than the rest of ingest put together.
 * This listener answers them straight from Node's request and response, through the same route
 * functions, CORS headers, metrics and error answers (`http/`) as the Express ingest router; every other
 * request (preflights, security reports, minidumps, odd spellings, the API) goes to `fallback`.
 */
export function withIngestFastPath(
  deps: IngestDeps,
  options: FastPathOptions,
  fallback: RequestListener,
): RequestListener {
  const routes = { envelope: createEnvelopeRoute(deps), store: createStoreRoute(deps) };
  return (req, res) => {
    const target = req.method === "POST" ? matchEventPost(req.url ?? "", options.pathPrefix) : null;
    if (!target) {
      fallback(req, res);
      return;
    }
    const request: IngestRequest = Object.assign(req, {
      params: { projectId: target.projectId },
      query: target.query === "" ? {} : parseQueryString(target.query),
      ip: proxyaddr(req, options.trust),
    });
    const response: IngestResponse = Object.assign(res, { locals: {} });
    for (const [name, value] of CORS_HEADERS) res.setHeader(name, value);
    recordIngestRequest(res, () => target.endpoint);
    routes[target.endpoint](request, response).catch((error: unknown) => {
      countInvalidOutcome(deps.outcomes, response.locals.projectId, error);
      answerError(deps.log, req, res, error);
    });
  };
}

interface EventPost {
  endpoint: "envelope" | "store";
  projectId: string;
  query: string;
}

const CORS_HEADERS = Object.entries(INGEST_CORS_HEADERS);

const EVENT_POST = /^\/api\/(\d{1,16})\/(envelope|store)\/?$/;

/** The target of an event post, or null for anything the Express routers should handle. */
export function matchEventPost(url: string, pathPrefix: string): EventPost | null {
  const queryStart = url.indexOf("?");
  let path = queryStart === -1 ? url : url.slice(0, queryStart);
  // DSNs with a trailing slash make SDKs request `//api/...` (see collapseSlashes).
  if (path.includes("//")) path = path.replace(/\/{2,}/g, "/");
  if (pathPrefix !== "" && path.startsWith(`${pathPrefix}/`)) path = path.slice(pathPrefix.length);
  const match = EVENT_POST.exec(path);
  if (!match) return null;
  return {
    projectId: match[1] as string,
    endpoint: match[2] as EventPost["endpoint"],
    query: queryStart === -1 ? "" : url.slice(queryStart + 1),
  };
}
