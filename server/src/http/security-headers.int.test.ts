import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Database } from "@faultline/db";
import express from "express";
import request from "supertest";
import { openDatabase, resetState, startTestServer, type TestServer } from "../../../test/support/harness";
import { WEB_DIST } from "../../../test/e2e-browser/browser";
import { securityHeaders } from "./security-headers";

const APP_ROUTES = path.resolve(__dirname, "../../../web/src/App.tsx");

/** Every client route the dashboard declares, with its parameters filled in. */
function dashboardRoutes(): string[] {
  // The only nested routes are the settings sections, relative to their parent.
  const declared = [...readFileSync(APP_ROUTES, "utf8").matchAll(/<Route path="([^"]+)"/g)]
    .map((match) => match[1]!)
    .map((route) => (route === "*" || route.startsWith("/") ? route : `/organizations/:org/settings/${route}`));
  expect(declared.length).toBeGreaterThan(10);
  const values: Record<string, string> = {
    org: "acme",
    project: "checkout",
    issueId: "1",
    eventId: "0123456789abcdef0123456789abcdef",
    tagValue: "id:42",
    ruleId: "1",
  };
  return declared.map((route) =>
    route === "*" ? "/no/such/page" : route.replace(/:(\w+)/g, (_, name: string) => values[name] ?? "x"),
  );
}

function dashboardAssets(): string[] {
  return readdirSync(path.join(WEB_DIST, "assets")).map((name) => `/assets/${name}`);
}

let db: Database;
let server: TestServer;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  server = await startTestServer(db, { webRoot: WEB_DIST });
});
afterEach(async () => {
  await server.close();
});

function expectSecurityHeaders(url: string, headers: Record<string, string | undefined>) {
  const csp = headers["content-security-policy"] ?? "";
  const seen = {
    url,
    frameAncestors: /(^|;)\s*frame-ancestors 'none'/.test(csp),
    scriptSrc: /(^|;)\s*script-src 'self'(;|$)/.test(csp),
    defaultSrc: /(^|;)\s*default-src 'self'(;|$)/.test(csp),
    unsafe: /unsafe-inline|unsafe-eval/.test(csp),
    xFrameOptions: headers["x-frame-options"],
    nosniff: headers["x-content-type-options"],
    referrer: headers["referrer-policy"],
    coop: headers["cross-origin-opener-policy"],
    hsts: headers["strict-transport-security"],
  };
  expect(seen).toEqual({
    url,
    frameAncestors: true,
    scriptSrc: true,
    defaultSrc: true,
    unsafe: false,
    xFrameOptions: "DENY",
    nosniff: "nosniff",
    referrer: "same-origin",
    coop: "same-origin",
    // PUBLIC_URL is http here: no HSTS (browsers ignore it over http, and it would pin a dev host).
    hsts: undefined,
  });
}

describe("security headers", () => {
  it("every dashboard route, asset and /api/0/ answer carries them", async () => {
    const routes = dashboardRoutes();
    for (const url of [...routes, "/", "/index.html"]) {
      const res = await request(server.url).get(url);
      expect({ url, status: res.status, html: /<div id="root">/.test(res.text) }).toEqual({
        url,
        status: 200,
        html: true,
      });
      expectSecurityHeaders(url, res.headers);
    }
    const assets = dashboardAssets();
    expect(assets.some((asset) => asset.endsWith(".js"))).toBe(true);
    expect(assets.some((asset) => asset.endsWith(".css"))).toBe(true);
    for (const url of assets) {
      const res = await request(server.url).get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expectSecurityHeaders(url, res.headers);
    }
    for (const url of ["/api/0/", "/api/0/auth/setup/", "/api/0/organizations/", "/api/0/nope/", "/_health/"]) {
      const res = await request(server.url).get(url);
      expectSecurityHeaders(url, res.headers);
    }
  });

  it("the built dashboard has no inline script or style for the policy to refuse", () => {
    const html = readFileSync(path.join(WEB_DIST, "index.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  });

  it("ingest keeps its CORS answers for browser SDKs and gets none of the dashboard's headers", async () => {
    for (const endpoint of ["envelope", "store", "security"]) {
      const url = `/api/1/${endpoint}/`;
      const preflight = await request(server.url)
        .options(url)
        .set("Origin", "https://shop.example.com")
        .set("Access-Control-Request-Method", "POST")
        .set("Access-Control-Request-Headers", "content-type");
      expect(preflight.headers["access-control-allow-origin"]).toBe("*");
      const post = await request(server.url)
        .post(`${url}?sentry_key=0123456789abcdef0123456789abcdef`)
        .set("Origin", "https://shop.example.com")
        .set("Content-Type", "text/plain")
        .send("{}");
      for (const res of [preflight, post]) {
        expect({
          url,
          cors: res.headers["access-control-allow-origin"],
          csp: res.headers["content-security-policy"],
          xfo: res.headers["x-frame-options"],
          corp: res.headers["cross-origin-resource-policy"],
        }).toEqual({ url, cors: "*", csp: undefined, xfo: undefined, corp: undefined });
      }
    }
  });
});

describe("HSTS", () => {
  it("is sent when PUBLIC_URL is https", async () => {
    const app = express();
    app.use(securityHeaders("https://errors.example.com"));
    app.get("/", (_req, res) => {
      res.send("ok");
    });
    const res = await request(app).get("/");
    expect(res.headers["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
    expect(res.headers["content-security-policy"]).toMatch(/upgrade-insecure-requests/);
  });
});
