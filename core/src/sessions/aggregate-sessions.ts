import type { SessionsJob } from "../contracts/sessions-job";

/** Counters for one (release, environment, hour) bucket: the data behind crash-free rates. */
export interface SessionBucket {
  /** Start of the hour, milliseconds since the epoch. */
  bucket: number;
  release: string;
  environment: string;
  total: number;
  /** Sessions that saw an error, including crashed and abnormal ones (as Sentry counts). */
  errored: number;
  crashed: number;
  abnormal: number;
}

const HOUR_MS = 3600 * 1000;

/**
 * Folds one job's session updates and aggregates into hourly buckets (by `started`, so every
 * update of a session lands in the bucket that counted it).
 *
 * A session is counted in `total` by its `init` update. It is counted `errored` once: the
 * caller passes `firstErrorOf(sid)`, which answers true only the first time a session id is
 * seen with errors (updates repeat the running error count). Crashed/abnormal are terminal
 * statuses and arrive once.
 */
export function aggregateSessions(
  job: SessionsJob,
  firstErrorOf: (sid: string | undefined) => boolean,
): SessionBucket[] {
  const buckets = new Map<string, SessionBucket>();
  const bucketFor = (started: number, release: string, environment: string): SessionBucket => {
    const hour = Math.floor(started / HOUR_MS) * HOUR_MS;
    const key = `${hour}\u0000${release}\u0000${environment}`;
    let found = buckets.get(key);
    if (!found) {
      found = { bucket: hour, release, environment, total: 0, errored: 0, crashed: 0, abnormal: 0 };
      buckets.set(key, found);
    }
    return found;
  };
  for (const update of job.updates) {
    const bucket = bucketFor(update.started, update.release, update.environment);
    if (update.init) bucket.total += 1;
    if (update.status === "crashed") bucket.crashed += 1;
    if (update.status === "abnormal") bucket.abnormal += 1;
    const sawError = update.errors > 0 || ["crashed", "abnormal", "errored"].includes(update.status);
    if (sawError && firstErrorOf(update.sid)) bucket.errored += 1;
  }
  for (const aggregate of job.aggregates) {
    const bucket = bucketFor(aggregate.started, aggregate.release, aggregate.environment);
    bucket.total += aggregate.exited + aggregate.errored + aggregate.crashed + aggregate.abnormal;
    bucket.errored += aggregate.errored + aggregate.crashed + aggregate.abnormal;
    bucket.crashed += aggregate.crashed;
    bucket.abnormal += aggregate.abnormal;
  }
  return [...buckets.values()];
}

/** The session ids in a job that saw an error, for the caller's once-per-session check. */
export function erroredSessionIds(job: SessionsJob): string[] {
  return job.updates
    .filter((u) => u.sid && (u.errors > 0 || ["crashed", "abnormal", "errored"].includes(u.status)))
    .map((u) => u.sid as string);
}

/** One user (`did`) seen in a release and environment; `crashed` once any of their sessions crashed. */
export interface SessionUser {
  release: string;
  environment: string;
  did: string;
  crashed: boolean;
}

/**
 * The distinct users of a job's session updates, for crash-free user rates. Updates without a
 * `did` (and pre-aggregated `sessions` buckets, which carry none) count no user.
 */
export function sessionUsers(job: SessionsJob): SessionUser[] {
  const users = new Map<string, SessionUser>();
  for (const update of job.updates) {
    if (update.did === undefined || update.did === "") continue;
    const key = `${update.release}\u0000${update.environment}\u0000${update.did}`;
    const seen = users.get(key);
    const crashed = update.status === "crashed";
    if (seen) seen.crashed ||= crashed;
    else users.set(key, { release: update.release, environment: update.environment, did: update.did, crashed });
  }
  return [...users.values()];
}
