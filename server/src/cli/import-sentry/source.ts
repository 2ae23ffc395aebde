import { z } from "zod";
import { CliError } from "../command";

/** How long one request to the source may take (a page of issues from a busy project included). */
const REQUEST_TIMEOUT_MS = 60_000;
/** Pages followed per list at most: a loop in someone's cursors must not run forever. */
const MAX_PAGES = 1000;

/**
 * The source install's Web API (sentry.io, a self-hosted Sentry, or another Faultline), read with
 * a bearer token. Lists follow Sentry's `Link` header cursors. A refused token, a host that cannot
 * be reached and a response that is not what Sentry sends stop the import with a message saying
 * which; only endpoints marked optional may answer 404 ("none").
 */
export function createSourceClient(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch) {
  const root = new URL(baseUrl.replace(/\/+$/, "") + "/api/0/");

  async function request(url: URL): Promise<Response | null> {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: "follow",
      });
    } catch (error) {
      throw new CliError(`Cannot reach ${root.origin}: ${reasonOf(error)}. Check --url.`, 1);
    }
    if (response.status === 401)
      throw new CliError(`${root.origin} refused the token (401): check --token (an auth token of that install).`, 1);
    if (response.status === 403)
      throw new CliError(
        `${root.origin} answered 403 for ${url.pathname}: the token lacks a scope (org:read, project:read, member:read, alerts:read, event:read).`,
        1,
      );
    if (response.status === 404) return null;
    if (!response.ok) throw new CliError(`${root.origin} answered ${response.status} for ${url.pathname}.`, 1);
    return response;
  }

  function urlOf(path: string, query: Record<string, string> = {}): URL {
    const url = new URL(path.replace(/^\/+/, ""), root);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  async function parseBody<T>(response: Response, schema: z.ZodType<T>, url: URL): Promise<T> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new CliError(
        `${root.origin} answered ${url.pathname} with something that is not JSON: is --url a Sentry install?`,
        1,
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new CliError(
        `${root.origin} answered ${url.pathname} in an unexpected shape: ${parsed.error.issues[0]?.message ?? "invalid"} at ${parsed.error.issues[0]?.path.join(".") ?? ""}`,
        1,
      );
    return parsed.data;
  }

  return {
    origin: root.origin,

    /** One object; null if the endpoint answers 404. */
    async get<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
      const url = urlOf(path);
      const response = await request(url);
      return response ? parseBody(response, schema, url) : null;
    },

    /** Every page of a list; null if the endpoint answers 404. */
    async list<T>(path: string, item: z.ZodType<T>, query: Record<string, string> = {}): Promise<T[] | null> {
      const rows: T[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const url = urlOf(path, cursor === null ? query : { ...query, cursor });
        const response = await request(url);
        if (!response) return page === 0 ? null : rows;
        const body = await parseBody(response, z.array(item), url);
        rows.push(...body);
        cursor = nextCursor(response.headers.get("link"));
        if (cursor === null) return rows;
      }
      throw new CliError(`${root.origin} kept answering ${path} with more pages after ${MAX_PAGES}.`, 1);
    },
  };
}

export type SourceClient = ReturnType<typeof createSourceClient>;

/**
 * The `next` cursor of Sentry's Link header, when it says there are results: only the cursor is
 * taken (applied to the URL asked), so a proxy rewriting the link's host cannot lead elsewhere.
 */
export function nextCursor(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(/,\s*(?=<)/)) {
    if (!/rel="next"/.test(part)) continue;
    if (!/results="true"/.test(part)) return null;
    return /cursor="([^"]*)"/.exec(part)?.[1] ?? null;
  }
  return null;
}

function reasonOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (error instanceof Error && error.name === "TimeoutError") return "no answer in time";
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
