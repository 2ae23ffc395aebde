import { AsyncLocalStorage } from "node:async_hooks";
import type { Database } from "@faultline/db";
import type { NextFunction, Request, Response } from "express";

/**
 * DATABASE_READ_URL: the web API's list and detail reads (issues, events, projects, stats) go to
 * a PostgreSQL replica, everything else to the primary.
 *
 * A read goes to the replica only when all of these hold:
 * - the request is a GET or HEAD of one of those resources (`isReplicaReadPath`), so a request
 *   that changes something reads what it changes from the primary;
 * - it is a plain read: a model's find/count/aggregate/groupBy, or `$queryRaw`. Writes, raw
 *   statements (`$executeRaw`) and transactions always run on the primary;
 * - for a model call, the model holds event data (`REPLICA_MODELS`). Sign-in, tokens, members
 *   and organizations are always read from the primary: a replica a moment behind must never
 *   turn a fresh login, token or membership into a 401 or 403.
 */
const scope = new AsyncLocalStorage<true>();

const READ_METHODS = new Set([
  "findMany",
  "findFirst",
  "findFirstOrThrow",
  "findUnique",
  "findUniqueOrThrow",
  "count",
  "aggregate",
  "groupBy",
]);
const RAW_READS = new Set(["$queryRaw", "$queryRawUnsafe"]);

/**
 * Prisma delegates (camelCase model names) whose reads may come from the replica: event data.
 * Settings a user changes and reads back at once (project keys, bookmarks, subscriptions) are
 * read from the primary.
 */
export const REPLICA_MODELS: ReadonlySet<string> = new Set([
  "project",
  "projectRelease",
  "projectEnvironment",
  "projectPlatform",
  "projectHourlyCount",
  "issue",
  "issueHourlyCount",
  "issueUser",
  "issueTagValue",
  "issueActivity",
  "groupHash",
  "event",
  "countedEvent",
  "attachment",
  "outcome",
  "sessionStat",
  "userFeedback",
]);

/**
 * GET/HEAD paths under /api/0/ served from the replica: issue lists and details (and their
 * events, hashes, tags), event lists and details, project lists and details, and statistics.
 */
const REPLICA_PATHS = [
  /^\/issues\//,
  /^\/projects\//,
  /^\/organizations\/[^/]+\/(issues|issues-count|events|eventids|projects|stats|stats_v2|stats-summary)\//,
];

export function isReplicaReadPath(method: string, pathUnderApi: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const pathOnly = pathUnderApi.split("?")[0] ?? "";
  return REPLICA_PATHS.some((pattern) => pattern.test(pathOnly));
}

/** Express middleware for /api/0: runs a replica-eligible request inside the replica scope. */
export function replicaReadScope(req: Request, _res: Response, next: NextFunction): void {
  if (isReplicaReadPath(req.method, req.url)) scope.run(true, next);
  else next();
}

/**
 * The client the web API uses when a replica is configured: the primary, except that the reads
 * described above, made while serving an eligible request, go to `replica`.
 */
export function routeReadsToReplica(primary: Database, replica: Database): Database {
  const delegates = new Map<string, unknown>();
  return new Proxy(primary, {
    get(target, property) {
      if (typeof property !== "string") return onTarget(target, property);
      if (RAW_READS.has(property)) {
        return (...args: unknown[]) => {
          const client = scope.getStore() ? replica : target;
          return (Reflect.get(client, property) as (...a: unknown[]) => unknown).apply(client, args);
        };
      }
      if (!REPLICA_MODELS.has(property)) return onTarget(target, property);
      let delegate = delegates.get(property);
      if (!delegate) {
        delegate = modelDelegate(property, target, replica);
        delegates.set(property, delegate);
      }
      return delegate;
    },
  });
}

function modelDelegate(model: string, primary: Database, replica: Database): unknown {
  const onPrimary = Reflect.get(primary, model) as object;
  const onReplica = Reflect.get(replica, model) as object;
  return new Proxy(onPrimary, {
    get(target, method) {
      if (typeof method === "string" && READ_METHODS.has(method) && scope.getStore())
        return onTarget(onReplica, method);
      return onTarget(target, method);
    },
  });
}

/** A property of a Prisma object, its methods bound to it (Prisma's objects are proxies too). */
function onTarget(target: object, property: string | symbol): unknown {
  const value: unknown = Reflect.get(target, property);
  return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}
