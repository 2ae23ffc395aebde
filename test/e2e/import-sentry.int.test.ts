import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createDatabase, type Database } from "@faultline/db";
import { Client } from "pg";
import request from "supertest";
import { bearerFor, createTestUser } from "../support/api";
import { runCli } from "../support/cli";
import { TEMPLATE_DB, databaseUrl, testDatabaseName } from "../support/databases";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../support/harness";

/**
 * The importer against a real Sentry Web API: Faultline's own. Install A (this worker's test
 * database) is the source; installs B and C are databases cloned from the migrated template.
 */
let source: Database;
let sourceServer: TestServer;
let token: string;
const targets: { name: string; db: Database }[] = [];
const sourceIds = { checkout: 0, backend: 0 };
const sourceKeys = { checkout: "", backend: "", limited: "" };

jest.setTimeout(180_000);

async function cloneTemplate(suffix: string): Promise<{ url: string; db: Database }> {
  const name = testDatabaseName(`${process.env.JEST_WORKER_ID ?? "1"}_${suffix}`);
  const admin = new Client({ connectionString: databaseUrl("postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const db = createDatabase({ url: databaseUrl(name), poolSize: 3 });
  targets.push({ name, db });
  return { url: databaseUrl(name), db };
}

beforeAll(async () => {
  source = openDatabase();
  await resetState(source);
  // Source ids far from the target's own, so adopted ids differ from the target's internal ones.
  await source.$executeRawUnsafe("ALTER SEQUENCE project_id_seq RESTART WITH 101");
  sourceServer = await startTestServer(source);
  const alice = await createTestUser(source, "alice@example.com", { acme: "owner" });
  await createTestUser(source, "bob@example.com", { acme: "member" });
  token = (await bearerFor(source, alice.id)).replace("Bearer ", "");
  const checkout = await createTestProject(source, "Checkout", "acme");
  const backend = await createTestProject(source, "Backend", "acme");
  Object.assign(sourceIds, { checkout: checkout.projectId, backend: backend.projectId });
  Object.assign(sourceKeys, { checkout: checkout.publicKey, backend: backend.publicKey });
  const api = (method: "post" | "put", url: string, body: object) => {
    const agent = request(sourceServer.url);
    return (method === "post" ? agent.post(url) : agent.put(url))
      .set("Authorization", `Bearer ${token}`)
      .send(body)
      .expect((res) => {
        if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
      });
  };
  const limited = await api("post", "/api/0/projects/acme/checkout/keys/", {
    name: "Limited",
    rateLimit: { window: 60, count: 100 },
  });
  sourceKeys.limited = (limited.body as { public: string }).public;
  await api("put", "/api/0/projects/acme/checkout/", {
    sensitiveFields: ["card_number"],
    scrubIPAddresses: true,
    fingerprintingRules: "error.type:TypeError -> type-errors",
  });
  await api("post", "/api/0/projects/acme/checkout/alert-rules/", {
    name: "New issues to on-call",
    triggers: [{ type: "first_seen" }],
    filters: [{ type: "level", match: "gte", level: "error" }],
    actions: [{ type: "email", targets: ["oncall@example.com"] }],
  });
  await api("post", "/api/0/projects/acme/checkout/alert-rules/", {
    name: "Webhook",
    triggers: [{ type: "regression" }],
    actions: [{ type: "webhook", url: "https://hooks.example.com/x", secret: "s3cret-value" }],
  });
  await api("post", "/api/0/organizations/acme/releases/", { version: "shop@1.0.0", projects: ["checkout"] });
  // More releases than one page (25): the list is read through its Link header cursors.
  const acme = await source.organization.findUniqueOrThrow({ where: { slug: "acme" } });
  await source.release.createMany({
    data: Array.from({ length: 30 }, (_, n) => ({ organizationId: acme.id, version: `batch@1.0.${n}` })),
  });
  // One issue, resolved and assigned, made the ordinary way: an event through ingest and the worker.
  const worker = startTestWorker(source);
  try {
    await request(sourceServer.url)
      .post(`/api/${sourceIds.checkout}/envelope/`)
      .set("X-Sentry-Auth", `Sentry sentry_key=${sourceKeys.checkout}, sentry_version=7`)
      .send(`{}\n{"type":"event"}\n${JSON.stringify({ message: "card declined", level: "error" })}\n`)
      .expect(200);
    const issue = await waitFor(
      () => source.issue.findFirst().then((found) => found ?? undefined),
      20_000,
      "the issue",
    );
    await api("put", `/api/0/issues/${issue.id}/`, { status: "resolved", assignedTo: "alice@example.com" });
  } finally {
    await worker.close();
  }
});

afterAll(async () => {
  await sourceServer?.close();
  await source?.$disconnect();
  const admin = new Client({ connectionString: databaseUrl("postgres") });
  await admin.connect();
  for (const target of targets) {
    await target.db.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${target.name} WITH (FORCE)`);
  }
  await admin.end();
});

interface Report {
  dryRun: boolean;
  organization: { slug: string; status: string };
  projects: {
    slug: string;
    error: string | null;
    counts: {
      project: string;
      keys: { created: number; existing: number };
      rules: { created: number; existing: number };
      issues: { created: number; existing: number };
    } | null;
  }[];
  releases: { created: number; existing: number };
  members: { added: number; existing: number; notCarriedOver: number };
  notCarriedOver: { what: string; why: string }[];
}

async function importInto(databaseUrlOfTarget: string, extra: string[] = []): Promise<Report> {
  const args = ["import-sentry", "--url", sourceServer.url, "--token", token, "--org", "acme", "--issues-days", "14"];
  return JSON.parse(await runCli([...args, ...extra, "--json"], { DATABASE_URL: databaseUrlOfTarget })) as Report;
}

async function failing(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stderr: string; stdout: string }> {
  try {
    await runCli(args, env);
  } catch (error) {
    const failed = error as { code?: number; stderr?: string; stdout?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? "", stdout: failed.stdout ?? "" };
  }
  throw new Error(`faultline ${args.join(" ")} succeeded`);
}

async function contents(db: Database) {
  return {
    organizations: await db.organization.count(),
    projects: await db.project.findMany({ orderBy: { slug: "asc" }, select: { slug: true } }),
    keys: await db.projectKey.count(),
    rules: await db.alertRule.count(),
    releases: await db.release.count(),
    issues: await db.issue.count(),
    members: await db.organizationMember.count(),
  };
}

/** A port nothing listens on: one the system just handed out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2] });
Sentry.captureException(new Error(process.argv[3]));
Sentry.flush(10000).then((ok) => process.exit(ok ? 0 : 1));
`;

describe("import-sentry from a Sentry Web API (Faultline's own)", () => {
  it("dry run reports and creates nothing; the import carries everything over; a re-run changes nothing; the old DSNs report to the new install", async () => {
    const target = await cloneTemplate("import_b");
    // An account here with a source member's email: the member is added, and the assignee kept.
    await createTestUser(target.db, "alice@example.com");
    const before = await contents(target.db);

    const text = await runCli(
      [
        "import-sentry",
        "--url",
        sourceServer.url,
        "--token",
        token,
        "--org",
        "acme",
        "--issues-days",
        "14",
        "--dry-run",
      ],
      { DATABASE_URL: target.url },
    );
    // The source's teams (Faultline has a default team per organization) are counted in a line of their own.
    const lines = text.split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}- \d+ teams? \(Faultline has no teams yet\)$/));
    expect(lines.filter((line) => !line.includes("(Faultline has no teams yet)"))).toEqual([
      `Dry run: nothing was written. Import of acme from ${sourceServer.url}`,
      "Organization acme: to create",
      "Project backend: to create; keys 1 to create; alert rules 0 to create",
      "Project checkout: to create; keys 2 to create; alert rules 1 to create; issues 1 to create",
      "Releases: 31 to create",
      "Members: 1 to add (accounts here with the same email), 0 already members",
      "Not carried over:",
      "  - 1 member (invitations not available)",
      '  - checkout: alert rule "Webhook" (webhook action (its secret is not readable through the API))',
      "",
    ]);
    const dry = await importInto(target.url, ["--dry-run"]);
    expect(dry).toMatchObject({ dryRun: true, organization: { slug: "acme", status: "created" } });
    expect(dry.projects.map((p) => [p.slug, p.counts?.project, p.counts?.keys.created])).toEqual([
      ["backend", "created", 1],
      ["checkout", "created", 2],
    ]);
    expect(await contents(target.db)).toEqual(before);

    const report = await importInto(target.url);
    expect(report.dryRun).toBe(false);
    const checkoutReport = report.projects.find((p) => p.slug === "checkout");
    expect(checkoutReport?.counts).toMatchObject({
      project: "created",
      keys: { created: 2, existing: 0 },
      rules: { created: 1, existing: 0 },
      issues: { created: 1, existing: 0 },
    });
    expect(report.releases).toEqual({ created: 31, existing: 0 });
    expect(report.members).toEqual({ added: 1, existing: 0, notCarriedOver: 1 });
    expect(report.notCarriedOver).toEqual([
      {
        what: 'checkout: alert rule "Webhook"',
        why: "webhook action (its secret is not readable through the API)",
      },
    ]);

    const checkout = await target.db.project.findFirstOrThrow({ where: { slug: "checkout" }, include: { keys: true } });
    expect(checkout).toMatchObject({
      name: "Checkout",
      platform: "node",
      sensitiveFields: ["card_number"],
      scrubIpAddresses: true,
      fingerprintingRules: "error.type:TypeError -> type-errors",
    });
    expect(checkout.id).not.toBe(sourceIds.checkout);
    expect(checkout.keys.map((k) => [k.publicKey, Number(k.dsnProjectId), k.rateLimitCount]).sort()).toEqual(
      [
        [sourceKeys.checkout, sourceIds.checkout, null],
        [sourceKeys.limited, sourceIds.checkout, 100],
      ].sort(),
    );
    const issue = await target.db.issue.findFirstOrThrow({ include: { assignee: true } });
    expect(issue).toMatchObject({ title: "card declined", status: "resolved", timesSeen: 1, projectId: checkout.id });
    expect(issue.assignee?.email).toBe("alice@example.com");
    const release = await target.db.release.findFirstOrThrow({
      where: { version: "shop@1.0.0" },
      include: { projects: true },
    });
    expect(release.version).toBe("shop@1.0.0");
    expect(release.projects.map((p) => p.projectId)).toEqual([checkout.id]);

    const after = await contents(target.db);
    const again = await importInto(target.url);
    expect(again.organization.status).toBe("exists");
    expect(again.projects.map((p) => p.counts)).toEqual([
      expect.objectContaining({ project: "exists", keys: { created: 0, existing: 1 } }),
      expect.objectContaining({
        project: "exists",
        keys: { created: 0, existing: 2 },
        rules: { created: 0, existing: 1 },
        issues: { created: 0, existing: 1, assigneesNotFound: 0 },
      }),
    ]);
    expect(again.releases).toEqual({ created: 0, existing: 31 });
    expect(again.members).toMatchObject({ added: 0, existing: 1 });
    expect(await contents(target.db)).toEqual(after);

    // The applications keep their DSNs; only the host now names the new install.
    const server = await startTestServer(target.db);
    const worker = startTestWorker(target.db);
    try {
      const script = path.join(tmpdir(), `faultline-import-app-${process.pid}.js`);
      writeFileSync(script, NODE_APP);
      const host = new URL(server.url).host;
      await promisify(execFile)(
        process.execPath,
        [script, `http://${sourceKeys.backend}@${host}/${sourceIds.backend}`, "after the move"],
        { timeout: 30_000 },
      );
      const event = await waitFor(
        () =>
          target.db.event.findFirst({ where: { title: "Error: after the move" } }).then((found) => found ?? undefined),
        30_000,
        "the event sent with the original DSN",
      );
      const backend = await target.db.project.findFirstOrThrow({ where: { slug: "backend" } });
      expect(event.projectId).toBe(backend.id);
    } finally {
      await server.close();
      await worker.close();
    }
  });

  it("a project that conflicts is not imported at all, the others are, and the next run finishes it", async () => {
    const target = await cloneTemplate("import_c");
    // Another organization here already answers on the source backend's DSN key.
    await runCli(
      ["create-project", "--org", "intruder", "--name", "Taken", "--dsn", `http://${sourceKeys.backend}@elsewhere/77`],
      {
        DATABASE_URL: target.url,
      },
    );
    const args = ["import-sentry", "--url", sourceServer.url, "--token", token, "--org", "acme"];
    const partial = await failing(args, { DATABASE_URL: target.url });
    expect(partial.code).toBe(1);
    expect(partial.stdout).toContain(
      `Project backend: NOT IMPORTED: public key ${sourceKeys.backend} is already used by project intruder/taken`,
    );
    expect(partial.stderr).toContain("1 of 2 projects were not imported (backend): nothing of them was written");
    const acme = await target.db.organization.findUniqueOrThrow({
      where: { slug: "acme" },
      include: { projects: true },
    });
    expect(acme.projects.map((p) => p.slug)).toEqual(["checkout"]);

    await target.db.projectKey.delete({ where: { publicKey: sourceKeys.backend } });
    const resumed = JSON.parse(await runCli([...args, "--json"], { DATABASE_URL: target.url })) as Report;
    expect(resumed.projects.map((p) => [p.slug, p.counts?.project])).toEqual([
      ["backend", "created"],
      ["checkout", "exists"],
    ]);
  });

  it("a refused token and an unreachable host answer clearly and write nothing", async () => {
    const target = await cloneTemplate("import_d");
    const badToken = await failing(
      ["import-sentry", "--url", sourceServer.url, "--token", "not-a-token", "--org", "acme"],
      { DATABASE_URL: target.url },
    );
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toContain(`${sourceServer.url} refused the token (401): check --token`);
    const closed = await closedPort();
    const unreachable = await failing(
      ["import-sentry", "--url", `http://127.0.0.1:${closed}`, "--token", token, "--org", "acme"],
      { DATABASE_URL: target.url },
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`Cannot reach http://127.0.0.1:${closed}: ECONNREFUSED. Check --url.`);
    const missing = await failing(["import-sentry", "--url", sourceServer.url, "--token", token, "--org", "nope"], {
      DATABASE_URL: target.url,
    });
    expect(missing.stderr).toContain(`${sourceServer.url} has no organization "nope" that this token can see.`);
    expect(await target.db.organization.count()).toBe(0);
  });
});
