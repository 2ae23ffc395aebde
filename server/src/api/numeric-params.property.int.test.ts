import type { Database } from "@faultline/db";
import fc from "fast-check";
import { memberWithToken } from "../../../test/support/api";
import { storeTestEvent } from "../../../test/support/events";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  type TestServer,
} from "../../../test/support/harness";

/**
 * Every numeric input of the web API — cursors of each paginated list, ids in paths, `project=`,
 * `rule=`, `limit=`, `per_page=`, numbers and durations inside a search — answers a 400 with a
 * detail, or a normal 200/204/404, for any value: never a 500 from a query PostgreSQL refused.
 */
const BOUNDARIES = [
  "0",
  "-1",
  "1",
  "2147483647",
  "2147483648",
  "4294967296",
  "9007199254740991",
  "9007199254740993",
  "9223372036854775807",
  "9223372036854775808",
  "99999999999999",
  "99999999999",
  "1e23",
  "100000000000000000000000",
  "99999999999999999999",
  "-99999999999999999999",
  "NaN",
  "Infinity",
  "1e5",
  " 1",
  "0x10",
  "1.5",
  "",
];

let db: Database;
let server: TestServer;
let auth: string;
let issueId: string;
let eventId: string;

/** Each route with `{n}` where the number goes (escaped into the URL). */
function routes(): { method: string; path: string }[] {
  const p = "/api/0/projects/acme/checkout";
  const get = (path: string) => ({ method: "GET", path });
  return [
    // Cursors of every paginated list.
    get(`${p}/issues/?cursor={n}:0:0`),
    get(`${p}/issues/?cursor=0:{n}:1`),
    get(`${p}/issues/?sort=freq&cursor={n}:1:0`),
    get(`${p}/issues/?sort=new&cursor={n}:1:0`),
    get(`/api/0/organizations/acme/issues/?cursor={n}:{n}:0`),
    get(`/api/0/issues/${issueId}/events/?cursor={n}:0:0`),
    get(`/api/0/issues/${issueId}/events/?cursor=0:{n}:0`),
    get(`${p}/user-feedback/?cursor={n}:{n}:0`),
    get(`${p}/events/?cursor={n}:{n}:0`),
    get(`/api/0/organizations/acme/audit-logs/?cursor=0:{n}:0`),
    get(`/api/0/organizations/acme/releases/?cursor=0:{n}:0`),
    get(`${p}/releases/?cursor=0:{n}:0`),
    get(`${p}/users/?cursor=0:{n}:0`),
    get(`/api/0/issues/${issueId}/tags/level/values/?cursor={n}:ZXJyb3I:0`),
    get(`${p}/notifications/?cursor={n}`),
    // Page sizes and limits.
    get(`${p}/issues/?per_page={n}`),
    get(`${p}/notifications/?limit={n}`),
    // Numbers and durations inside a search.
    get(`${p}/issues/?query=${encodeURIComponent("lastSeen:-")}{n}d`),
    get(`${p}/issues/?query=${encodeURIComponent("firstSeen:+")}{n}h`),
    get(`${p}/issues/?query=${encodeURIComponent("times_seen:>")}{n}`),
    get(`${p}/issues/?query=${encodeURIComponent("times_seen:")}{n}`),
    get(`${p}/issues/?query=${encodeURIComponent("lastSeen:>")}{n}-01-01`),
    // Ids in query strings.
    get(`/api/0/organizations/acme/issues/?project={n}`),
    get(`/api/0/organizations/acme/releases/?project={n}`),
    get(`/api/0/organizations/acme/stats_v2/?field=sum(quantity)&project={n}`),
    get(`${p}/notifications/?rule={n}`),
    get(`${p}/issues/?id={n}`),
    // Ids in paths.
    get(`/api/0/issues/{n}/`),
    get(`/api/0/issues/{n}/events/`),
    get(`${p}/alert-rules/{n}/`),
    get(`${p}/alert-rules/{n}/history/`),
    { method: "POST", path: `${p}/notifications/{n}/retry/` },
    { method: "PUT", path: `/api/0/organizations/acme/members/{n}/` },
    { method: "DELETE", path: `/api/0/api-tokens/{n}/` },
    get(`${p}/events/${eventId}/attachments/{n}/`),
  ];
}

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  const { projectId } = await createTestProject(db, "Checkout", "acme");
  const stored = await storeTestEvent(db, projectId, { release: "1.0.0" });
  issueId = String(stored.issueId);
  eventId = stored.eventId;
  // `DELETE /api-tokens/{n}/` must not revoke the token the test uses: give it an id no probe names.
  await db.$executeRawUnsafe("ALTER SEQUENCE api_token_id_seq RESTART WITH 2147400000");
  auth = (await memberWithToken(db, "owner@acme.test", "acme", "owner")).auth;
  server = await startTestServer(db);
});
afterAll(async () => {
  await server.close();
  await db.$disconnect();
});

async function call(route: { method: string; path: string }, value: string) {
  const path = route.path.replaceAll("{n}", encodeURIComponent(value));
  const res = await fetch(`${server.url}${path}`, {
    method: route.method,
    headers: { authorization: auth, "content-type": "application/json" },
    ...(route.method === "GET" ? {} : { body: JSON.stringify({ role: "member" }) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let detail: unknown;
  try {
    detail = (JSON.parse(text) as { detail?: unknown }).detail;
  } catch {
    detail = undefined;
  }
  return { status: res.status, detail, path };
}

/** 400 (and 404) come with a detail; anything else is one of the normal answers. */
function answered(result: { status: number; detail: unknown; path: string }): string | undefined {
  if ([200, 202, 204].includes(result.status)) return undefined;
  if ((result.status === 400 || result.status === 404) && typeof result.detail === "string") return undefined;
  return `${result.path} → ${result.status} ${JSON.stringify(result.detail)}`;
}

test("boundary values on every numeric parameter answer 400 with a detail or a normal answer", async () => {
  const failures: string[] = [];
  for (const route of routes()) {
    for (const value of BOUNDARIES) {
      const problem = answered(await call(route, value));
      if (problem) failures.push(problem);
    }
  }
  expect(failures).toEqual([]);
}, 120_000);

test("values near the edges of the types never give a 500 (property)", async () => {
  const edges = [0n, 2n ** 31n, 2n ** 32n, 2n ** 53n, 2n ** 63n, 10n ** 20n, 8_640_000_000_000_000n];
  const numberText = fc.oneof(
    fc.constantFrom(...edges).chain((edge) => fc.integer({ min: -3, max: 3 }).map((d) => String(edge + BigInt(d)))),
    fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
    fc.double().map(String),
    fc.stringMatching(/^[-+ 0-9eExX.]{1,12}$/),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes()), numberText, async (route, value) => {
      expect(answered(await call(route, value))).toBeUndefined();
    }),
    { numRuns: 150 },
  );
}, 120_000);
