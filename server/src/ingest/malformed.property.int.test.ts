import type { Database } from "@faultline/db";
import fc from "fast-check";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  type TestServer,
} from "../../../test/support/harness";

let db: Database;
let server: TestServer;
let project: Awaited<ReturnType<typeof createTestProject>>;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  project = await createTestProject(db);
  server = await startTestServer(db);
});
beforeEach(async () => {
  await server.queue.queue.obliterate({ force: true });
});
afterAll(async () => {
  await server.close();
  await db.$disconnect();
});

async function post(endpoint: "envelope" | "store", body: Uint8Array, encoding?: string) {
  const res = await fetch(`${server.url}/api/${project.projectId}/${endpoint}/`, {
    method: "POST",
    headers: {
      "x-sentry-auth": `Sentry sentry_key=${project.publicKey}, sentry_version=7`,
      ...(encoding ? { "content-encoding": encoding } : {}),
    },
    body,
    // A request that never gets an answer is a failure too, not a test timeout.
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let detail: unknown;
  try {
    detail = (JSON.parse(text) as { detail?: unknown }).detail;
  } catch {
    detail = undefined;
  }
  return { status: res.status, detail };
}

async function queuedJobs(): Promise<number> {
  const jobs = await server.queue.queue.getJobs(["waiting", "active", "delayed", "completed", "failed"]);
  return jobs.length;
}

/** A refusal: a 4xx with a detail, and nothing queued. */
async function expectRefused(result: { status: number; detail: unknown }): Promise<void> {
  expect(result.status).toBeGreaterThanOrEqual(400);
  expect(result.status).toBeLessThan(500);
  expect(typeof result.detail).toBe("string");
  expect(await queuedJobs()).toBe(0);
}

const event = fc
  .record({
    message: fc.string({ maxLength: 200 }),
    level: fc.constantFrom("error", "info"),
    extra: fc.dictionary(fc.string(), fc.string()),
  })
  .map((value) => Buffer.from(JSON.stringify(value)));

function wire(payload: Buffer, length = payload.length): Buffer {
  return Buffer.concat([Buffer.from(`{}\n{"type":"event","length":${length}}\n`), payload, Buffer.from("\n")]);
}

const RUNS = { numRuns: 60 };

jest.setTimeout(60_000);

describe("malformed input never gets a 5xx and stores nothing", () => {
  it("arbitrary bytes: 200 or a 4xx with a detail, never 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom("envelope", "store"),
        fc.constantFrom(undefined, "gzip", "br", "deflate"),
        async (bytes, endpoint, encoding) => {
          const result = await post(endpoint as "envelope" | "store", bytes, encoding);
          expect(
            result.status === 200 || (result.status >= 400 && result.status < 500 && typeof result.detail === "string"),
          ).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("truncated envelopes are refused", async () => {
    await fc.assert(
      fc.asyncProperty(event, fc.double({ min: 0, max: 1, noNaN: true }), async (payload, at) => {
        const whole = wire(payload);
        const headerEnd = whole.indexOf("\n") + 1;
        // Cut somewhere after the envelope header and before the payload's last byte.
        const cut = headerEnd + 1 + Math.floor(at * (whole.length - 2 - headerEnd - 1));
        await expectRefused(await post("envelope", whole.subarray(0, cut)));
      }),
      RUNS,
    );
  });

  it("wrong item lengths are refused", async () => {
    await fc.assert(
      // One byte longer would take in the closing newline, which still frames a valid envelope.
      fc.asyncProperty(event, fc.integer({ min: 2, max: 50 }), fc.boolean(), async (payload, delta, longer) => {
        const length = longer ? payload.length + delta : Math.max(0, payload.length - delta + 1);
        await expectRefused(await post("envelope", wire(payload, length)));
      }),
      RUNS,
    );
  });

  it("huge headers are refused", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 65 * 1024, max: 300 * 1024 }), fc.boolean(), async (size, inItem) => {
        const big = JSON.stringify({ pad: "x".repeat(size) });
        const body = inItem ? `{}\n{"type":"event","pad":${big}}\n{}\n` : `${big}\n{"type":"event"}\n{}\n`;
        await expectRefused(await post("envelope", Buffer.from(body)));
      }),
      { numRuns: 15 },
    );
  });

  it("invalid UTF-8 in headers or events is refused", async () => {
    const invalid = fc.constantFrom(
      [0xff],
      [0xc3, 0x28],
      [0xe2, 0x28, 0xa1],
      [0xf0, 0x28, 0x8c, 0xbc],
      [0xed, 0xa0, 0x80],
    );
    await fc.assert(
      fc.asyncProperty(
        invalid,
        fc.constantFrom("envelope-header", "item-header", "event", "store"),
        async (bytes, where) => {
          const bad = Buffer.from(bytes);
          const quoted = Buffer.concat([Buffer.from('{"message":"'), bad, Buffer.from('"}')]);
          const body =
            where === "envelope-header"
              ? Buffer.concat([quoted, Buffer.from('\n{"type":"event"}\n{}\n')])
              : where === "item-header"
                ? Buffer.concat([Buffer.from('{}\n{"type":"event","x":"'), bad, Buffer.from('"}\n{}\n')])
                : where === "event"
                  ? Buffer.concat([Buffer.from('{}\n{"type":"event"}\n'), quoted, Buffer.from("\n")])
                  : quoted;
          await expectRefused(await post(where === "store" ? "store" : "envelope", body));
        },
      ),
      RUNS,
    );
  });

  it("nested JSON bombs are refused before parsing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 101, max: 50_000 }),
        fc.constantFrom("[", '{"a":'),
        fc.boolean(),
        async (depth, open, store) => {
          const close = open === "[" ? "]" : "}";
          const bomb = `{"extra":${open.repeat(depth)}1${close.repeat(depth)}}`;
          const body = store ? bomb : `{}\n{"type":"event"}\n${bomb}\n`;
          await expectRefused(await post(store ? "store" : "envelope", Buffer.from(body)));
        },
      ),
      { numRuns: 20 },
    );
  });
});
