import type { Database } from "@faultline/db";
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { zipSync } from "fflate";
import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  testArtifactsDir,
  type TestServer,
} from "../../../../test/support/harness";

const KiB = 1024;
const MAX_BUNDLE_BYTES = 1024 * KiB;

let db: Database;
let server: TestServer;
let auth: string;
let organizationId: number;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  await createTestProject(db, "Checkout", "acme");
  organizationId = (await db.organization.findUniqueOrThrow({ where: { slug: "acme" } })).id;
  auth = (await memberWithToken(db, "dev@example.com", "acme", "owner")).auth;
  server = await startTestServer(db, { api: { artifactMaxBytes: MAX_BUNDLE_BYTES } });
});
afterEach(async () => {
  await server.close();
});

const sha1 = (data: Uint8Array) => createHash("sha1").update(data).digest("hex");

/** Uploads chunks as sentry-cli does: one multipart request, each `file` part named by its SHA-1. */
async function uploadChunks(chunks: Buffer[]): Promise<void> {
  let upload = request(server.url).post("/api/0/organizations/acme/chunk-upload/").set("Authorization", auth);
  for (const chunk of chunks) upload = upload.attach("file", chunk, sha1(chunk));
  expect((await upload).status).toBe(200);
}

function assemble(checksum: string, chunks: string[]) {
  return request(server.url)
    .post("/api/0/organizations/acme/artifactbundle/assemble/")
    .set("Authorization", auth)
    .send({ checksum, chunks, projects: ["checkout"] });
}

it("refuses a chunk list adding up to more than the limit with 413, before reading a chunk or taking the lock", async () => {
  const chunk = randomBytes(64 * KiB);
  await uploadChunks([chunk]);
  const checksum = "a".repeat(40);
  // 7.9 KB of JSON naming one 64 KiB chunk 200 times: 12.5 MiB once joined.
  const res = await assemble(checksum, Array<string>(200).fill(sha1(chunk)));
  expect(res.status).toBe(413);
  expect(res.body).toEqual({
    detail: `the bundle's 200 chunks add up to ${200 * 64 * KiB} bytes, over the ${MAX_BUNDLE_BYTES} byte limit`,
  });
  // Nothing was started: no state for the checksum, and the chunk is still there for a retry.
  expect(await server.redis.exists(`artifacts:assemble:${organizationId}:${checksum}`)).toBe(0);
  expect((await assemble(checksum, [sha1(chunk)])).body).toMatchObject({ state: "error" });
});

it("assembles a bundle whose chunk list repeats a chunk, as sentry-cli lists chunks of repeated content", async () => {
  const files = { "files/_/_/app.js": Buffer.alloc(256 * KiB, 0x20) };
  const manifest = {
    files: { "files/_/_/app.js": { url: "~/app.js", type: "minified_source", headers: {} } },
    release: "app@1",
  };
  // Stored, not deflated: the file's spaces give many identical 4 KiB chunks.
  const zip = Buffer.from(zipSync({ "manifest.json": Buffer.from(JSON.stringify(manifest)), ...files }, { level: 0 }));
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < zip.length; offset += 4 * KiB) chunks.push(zip.subarray(offset, offset + 4 * KiB));
  const names = chunks.map(sha1);
  const distinct = [...new Set(names)];
  expect(distinct.length).toBeLessThan(names.length / 4);

  const checksum = sha1(zip);
  expect((await assemble(checksum, names)).body).toEqual({ state: "not_found", missingChunks: distinct });
  await uploadChunks(distinct.map((name) => chunks[names.indexOf(name)] as Buffer));
  expect((await assemble(checksum, names)).body).toEqual({ state: "ok", missingChunks: [] });
  const stored = await readFile(path.join(testArtifactsDir(), "bundles", String(organizationId), `${checksum}.zip`));
  expect(sha1(stored)).toBe(checksum);
  expect(await db.artifactBundle.findFirstOrThrow()).toMatchObject({ size: zip.length, release: "app@1" });
});
