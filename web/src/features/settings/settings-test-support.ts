import { vi } from "vitest";
import type { OrganizationDetail } from "../../api/types";

export interface Sent {
  url: string;
  method: string;
  body: unknown;
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** Replaces fetch: records every request and answers with `reply` (which a test may change). */
export function recordRequests() {
  const state = {
    sent: [] as Sent[],
    reply: (_sent: Sent): Promise<Response> | Response => json({}),
  };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const sent = { url, method: init?.method ?? "GET", body: init?.body ? JSON.parse(String(init.body)) : undefined };
      state.sent.push(sent);
      return state.reply(sent);
    }),
  );
  return state;
}

/** Sentry's `access` for each role, as the API answers it. */
const ACCESS: Record<string, string[]> = {
  owner: ["org:read", "org:write", "project:admin", "member:admin"],
  admin: ["org:read", "org:write", "project:admin", "member:admin"],
  member: ["org:read", "event:write"],
  viewer: ["org:read"],
};

export function orgAs(role: keyof typeof ACCESS, extra: Partial<OrganizationDetail> = {}): OrganizationDetail {
  return {
    id: "1",
    slug: "acme",
    name: "Acme",
    dateCreated: "2026-01-01T00:00:00Z",
    access: ACCESS[role] ?? [],
    orgRole: role,
    projects: [],
    ...extra,
  };
}
