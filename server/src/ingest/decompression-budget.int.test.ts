import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import http from "node:http";
import zlib from "node:zlib";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  waitForQueueDrained,
  type TestServer,
} from "../../../test/support/harness";
import { DEFAULT_DECOMPRESSION_BUDGET_BYTES, ingestDecompressionBudget } from "./decompression-budget";

const MiB = 1024 * 1024;
const BUDGET = 16 * MiB;
/** 256 MiB of zeros behind an envelope's first lines: ~256 KB on the wire. */
const bomb = zlib.gzipSync(
  Buffer.concat([Buffer.from('{}\n{"type":"attachment","length":268435456}\n'), Buffer.alloc(256 * MiB)]),
);

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let attacker: Awaited<ReturnType<typeof createTestProject>>;
let victim: Awaited<ReturnType<typeof createTestProject>>;

beforeAll(() => {
  db = openDatabase();
  // The process-wide budget, as the server uses it; small, so a few bombs fill it.
  ingestDecompressionBudget.resize(BUDGET);
});
afterAll(async () => {
  ingestDecompressionBudget.resize(DEFAULT_DECOMPRESSION_BUDGET_BYTES);
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  attacker = await createTestProject(db, "Attacker", "attackers");
  victim = await createTestProject(db, "Victim", "victims");
  server = await startTestServer(db);
  worker = startTestWorker(db);
});
afterEach(async () => {
  await server.close();
  await worker.close();
});

interface Answer {
  status: number;
  retryAfter: string | undefined;
  detail: string;
}

const authOf = (project: typeof attacker) => `Sentry sentry_key=${project.publicKey}, sentry_version=7`;

/** Starts a gzip post; the caller writes its body. Resolves with the answer, even mid-upload. */
function startPost(project: typeof attacker, endpoint: "envelope" | "store", contentLength?: number) {
  const url = new URL(`${server.url}/api/${project.projectId}/${endpoint}/`);
  const headers: Record<string, string> = { "X-Sentry-Auth": authOf(project), "Content-Encoding": "gzip" };
  // Without a length the body is sent chunked, as streaming SDK transports do.
  if (contentLength !== undefined) headers["Content-Length"] = String(contentLength);
  const req = http.request(url, { method: "POST", headers });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString();
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: res.headers["retry-after"],
          detail: body.startsWith("{") ? String((JSON.parse(body) as { detail?: unknown }).detail ?? "") : body,
        });
        req.destroy();
      });
    });
    // The server may answer and close before the whole bomb is sent.
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" ? undefined : reject(error)));
  });
  return { req, answer };
}

function post(
  project: typeof attacker,
  endpoint: "envelope" | "store",
  body: Buffer,
  chunked = false,
): Promise<Answer> {
  const { req, answer } = startPost(project, endpoint, chunked ? undefined : body.length);
  req.end(body);
  return answer;
}

const ordinaryEvent = (message: string) => zlib.gzipSync(`{}\n{"type":"event"}\n${JSON.stringify({ message })}\n`);

async function storedMessages(projectId: number): Promise<string[]> {
  const events = await db.event.findMany({ where: { projectId }, select: { message: true } });
  return events.map((event) => event.message).sort();
}

it("refuses the bomb holding the most with 503 and Retry-After; another project's event still gets 200", async () => {
  // A bomb sent slowly: its first kilobytes inflate to most of the budget, then it waits.
  const slow = startPost(attacker, "envelope", bomb.length);
  slow.req.write(bomb.subarray(0, 10 * 1024));
  await waitFor(async () => ingestDecompressionBudget.bytesInFlight > 8 * MiB, 10_000, "the slow bomb to inflate");

  expect(await post(victim, "envelope", ordinaryEvent("while a bomb inflates"))).toMatchObject({ status: 200 });
  // A second bomb takes the total over the budget: the slow one holds the most and is refused.
  const second = post(attacker, "envelope", bomb);
  expect(await slow.answer).toEqual({
    status: 503,
    retryAfter: "2",
    detail: expect.stringMatching(/^server busy/),
  });
  // Alone, the second needs more than the whole budget: 413 (a retry could never succeed).
  expect(await second).toMatchObject({ status: 413, detail: expect.stringMatching(/decompression budget/) });
  expect(ingestDecompressionBudget.bytesInFlight).toBe(0);

  await waitForQueueDrained(server.queue);
  expect(await storedMessages(victim.projectId)).toEqual(["while a bomb inflates"]);
  expect(await storedMessages(attacker.projectId)).toEqual([]);
});

it("answers concurrent bombs (sized and chunked) to /envelope/ and /store/ 413 or 503 while ordinary events keep getting 200", async () => {
  const bombs: Promise<Answer>[] = [];
  for (let i = 0; i < 6; i++) {
    bombs.push(post(attacker, "envelope", bomb, i % 2 === 1));
    bombs.push(post(attacker, "store", bomb, i % 2 === 1));
  }
  const ordinary: Promise<Answer>[] = [];
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    ordinary.push(post(victim, "envelope", ordinaryEvent(`ordinary ${i}`), i % 2 === 1));
  }
  const bombAnswers = await Promise.all(bombs);
  for (const answer of bombAnswers) {
    expect([413, 503]).toContain(answer.status);
    if (answer.status === 503) expect(answer).toMatchObject({ retryAfter: "2", detail: expect.stringMatching(/busy/) });
    else expect(answer.detail).toMatch(/exceeds/);
  }
  expect((await Promise.all(ordinary)).map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
  expect(ingestDecompressionBudget.bytesInFlight).toBe(0);

  await waitForQueueDrained(server.queue);
  expect(await storedMessages(victim.projectId)).toEqual([0, 1, 2, 3, 4].map((i) => `ordinary ${i}`));
  expect(await storedMessages(attacker.projectId)).toEqual([]);
});
