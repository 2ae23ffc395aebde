/**
 * Where an SDK's project key can come from, and how to read each form.
 * See sentry-protocol.md §1.2: header (`X-Sentry-Auth` or `Authorization: Sentry ...`),
 * `Authorization: Basic`, query string, or the envelope header's `dsn`.
 */

export class AuthError extends Error {
  override readonly name = "AuthError";
  constructor(
    message: string,
    /** 400 for malformed protocol values, 401 for missing or conflicting credentials. */
    readonly status: 400 | 401 = 401,
  ) {
    super(message);
  }
}

export interface SentryAuth {
  publicKey: string;
  /** Protocol version; 7 when absent. Versions up to 7 are handled alike. */
  version: number;
  client: string | null;
}

export interface AuthSources {
  /** Request headers, lower-cased names. */
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
}

const KEY_SHAPE = /^[a-z0-9_-]{1,64}$/;
const MAX_SUPPORTED_VERSION = 7;

/** Reads the credentials a request carries in its headers or query string, or null if none. */
export function parseRequestAuth(sources: AuthSources): SentryAuth | null {
  const found: SentryAuth[] = [];

  const queryKey = firstString(sources.query.sentry_key);
  if (queryKey !== undefined) {
    found.push({
      publicKey: normalizePublicKey(queryKey),
      version: parseVersion(firstString(sources.query.sentry_version)),
      client: firstString(sources.query.sentry_client) ?? null,
    });
  }
  for (const name of ["x-sentry-auth", "authorization"]) {
    const value = headerValue(sources.headers[name]);
    if (value === undefined) continue;
    const parsed = parseAuthHeader(value);
    if (parsed) found.push(parsed);
  }

  const first = found[0];
  if (!first) return null;
  // Being lenient about where the key is, but not about contradictions.
  if (found.some((auth) => auth.publicKey !== first.publicKey)) {
    throw new AuthError("multiple authorization payloads detected");
  }
  return { ...first, client: first.client ?? headerValue(sources.headers["user-agent"]) ?? null };
}

/** Parses `Sentry sentry_key=..., sentry_version=7, ...` or `Basic base64(key:secret)`. */
export function parseAuthHeader(value: string): SentryAuth | null {
  const trimmed = value.trim();
  if (/^sentry /i.test(trimmed)) {
    const fields = new Map<string, string>();
    for (const piece of trimmed.slice(7).split(",")) {
      const eq = piece.indexOf("=");
      if (eq === -1) continue;
      fields.set(piece.slice(0, eq).trim().toLowerCase(), piece.slice(eq + 1).trim());
    }
    const key = fields.get("sentry_key");
    if (!key) throw new AuthError("missing public key in X-Sentry-Auth");
    return {
      publicKey: normalizePublicKey(key),
      version: parseVersion(fields.get("sentry_version")),
      client: fields.get("sentry_client") ?? null,
    };
  }
  if (/^basic /i.test(trimmed)) {
    const decoded = Buffer.from(trimmed.slice(6).trim(), "base64").toString("utf8");
    const user = decoded.split(":")[0];
    if (!user) throw new AuthError("missing public key in Basic authorization");
    return { publicKey: normalizePublicKey(user), version: MAX_SUPPORTED_VERSION, client: null };
  }
  // Bearer tokens and the like are not SDK credentials.
  return null;
}

export interface ParsedDsn {
  publicKey: string;
  projectId: string;
  /** scheme://host[:port][/prefix] — where the DSN's endpoints live. */
  baseUrl: string;
}

export function parseDsn(dsn: string): ParsedDsn {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    throw new AuthError("bad sentry DSN: not a URL");
  }
  if (!url.username) throw new AuthError("bad sentry DSN: no public key");
  const segments = url.pathname.split("/").filter(Boolean);
  const projectId = segments.pop();
  if (!projectId) throw new AuthError("bad sentry DSN: no project id");
  const prefix = segments.length > 0 ? `/${segments.join("/")}` : "";
  return {
    publicKey: normalizePublicKey(decodeURIComponent(url.username)),
    projectId,
    baseUrl: `${url.protocol}//${url.host}${prefix}`,
  };
}

/**
 * Keys are 32 lowercase hex characters when we issue them; dashed UUIDs (GlitchTip-style) are
 * folded to that form, and Relay's internal `.flags` suffix is dropped.
 */
export function normalizePublicKey(raw: string): string {
  let key = raw.trim().toLowerCase();
  const dot = key.indexOf(".");
  if (dot !== -1) key = key.slice(0, dot);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key)) {
    key = key.replace(/-/g, "");
  }
  if (!KEY_SHAPE.test(key)) throw new AuthError("bad sentry DSN public key", 400);
  return key;
}

function parseVersion(raw: string | undefined): number {
  if (raw === undefined || raw === "") return MAX_SUPPORTED_VERSION;
  const major = Number.parseInt(raw.split(".")[0] ?? "", 10);
  if (!Number.isFinite(major)) throw new AuthError(`invalid sentry_version "${raw}"`, 400);
  if (major > MAX_SUPPORTED_VERSION) throw new AuthError("unsupported protocol version", 400);
  return major;
}

function firstString(value: unknown): string | undefined {
  if (Array.isArray(value)) return firstString(value[0]);
  return typeof value === "string" ? value : undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
