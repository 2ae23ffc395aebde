import { randomBytes } from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import type { IncomingMessage } from "node:http";
import zlib from "node:zlib";
import { DecompressionBudget } from "./decompression-budget";
import { IngestError } from "./ingest-error";
import { decoderFor, inflateLimited, readBody } from "./read-body";

function request(body: Buffer, headers: Record<string, string> = {}): IncomingMessage {
  // Small chunks, like a socket delivers them, so limits are checked mid-stream.
  const chunks: Buffer[] = [];
  for (let i = 0; i < body.length; i += 1024) chunks.push(body.subarray(i, i + 1024));
  const stream = Readable.from(chunks) as unknown as IncomingMessage;
  stream.headers = headers;
  return stream;
}

const limits = { maxCompressed: 1024 * 1024, maxDecompressed: 4 * 1024 * 1024 };
const text = Buffer.from(JSON.stringify({ message: "hello", padding: "x".repeat(5000) }));

describe("readBody", () => {
  it.each([
    ["none", undefined, text],
    ["identity", "identity", text],
    ["an empty header (sentry-ruby)", "", text],
    ["UTF-8 (old sentry-android)", "UTF-8", text],
    ["gzip", "gzip", zlib.gzipSync(text)],
    ["x-gzip", "x-gzip", zlib.gzipSync(text)],
    ["deflate with a zlib header", "deflate", zlib.deflateSync(text)],
    ["raw deflate", "deflate", zlib.deflateRawSync(text)],
    ["brotli", "br", zlib.brotliCompressSync(text)],
  ])("decodes %s", async (_label, encoding, wire) => {
    const headers: Record<string, string> = encoding === undefined ? {} : { "content-encoding": encoding };
    await expect(readBody(request(wire, headers), limits)).resolves.toEqual(text);
  });

  it("decodes a gzip body of unknown length past the in-place size, keeping the bytes read first", async () => {
    const large = Buffer.from(randomBytes(96 * 1024).toString("base64"));
    const wire = zlib.gzipSync(large);
    expect(wire.length).toBeGreaterThan(16 * 1024);
    await expect(readBody(request(wire, { "content-encoding": "gzip" }), limits)).resolves.toEqual(large);
  });

  it("refuses unknown encodings with 415", async () => {
    await expect(readBody(request(text, { "content-encoding": "zstd" }), limits)).rejects.toMatchObject({
      status: 415,
    });
  });

  it("answers 400 for a body that does not decode", async () => {
    await expect(
      readBody(request(Buffer.from("not gzip at all"), { "content-encoding": "gzip" }), limits),
    ).rejects.toMatchObject({
      status: 400,
    });
  });

  it("stops a decompression bomb at the limit without expanding it all", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(200 * 1024 * 1024)); // 200 MiB of zeros, ~200 KiB gzipped
    const before = process.memoryUsage().arrayBuffers;
    const error = await readBody(request(bomb, { "content-encoding": "gzip" }), limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).status).toBe(413);
    expect((error as IngestError).detail).toMatch(/decompressed body exceeds/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("stops a small bomb (inflated in place) at the limit too", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(10 * 1024 * 1024)); // 10 MiB of zeros, ~10 KiB gzipped
    expect(bomb.length).toBeLessThan(16 * 1024);
    const headers = { "content-encoding": "gzip", "content-length": String(bomb.length) };
    const error = await readBody(request(bomb, headers), limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).status).toBe(413);
  });

  it("refuses a body larger than the wire limit, declared or streamed", async () => {
    const big = Buffer.alloc(limits.maxCompressed + 10, 0x61);
    await expect(readBody(request(big, { "content-length": String(big.length) }), limits)).rejects.toMatchObject({
      status: 413,
    });
    await expect(readBody(request(big), limits)).rejects.toMatchObject({ status: 413 });
  });
});

it("answers 400 when the client goes away before the body ends", async () => {
  const stream = new PassThrough() as unknown as IncomingMessage & PassThrough;
  stream.headers = {};
  const reading = readBody(stream, limits);
  stream.write(text.subarray(0, 100));
  stream.destroy();
  await expect(reading).rejects.toMatchObject({ status: 400, detail: "request body was cut off" });
});

it("finishes raw deflate streams that end before the body does", async () => {
  for (const sample of ["A2w//4I=", "AwA//4I=", "UwPcDUEHZwc="]) {
    const body = Buffer.from(sample, "base64");
    await expect(readBody(request(body, { "content-encoding": "deflate" }), limits)).resolves.toBeInstanceOf(Buffer);
  }
});

describe("readBody under a decompression budget", () => {
  const MiB = 1024 * 1024;
  const gzip = { "content-encoding": "gzip" };
  const envelopeLimits = { maxCompressed: 20 * MiB, maxDecompressed: 100 * MiB };
  const bomb = zlib.gzipSync(Buffer.alloc(64 * MiB)); // ~64 KiB on the wire

  /** What a read ended with, small enough to print: a refusal's status and detail, or a body's size. */
  type Outcome = { status: number; detail: string; headers: Record<string, string> } | { bytes: number };
  function outcome(reading: Promise<Buffer>): Promise<Outcome> {
    return reading.then(
      (body) => ({ bytes: body.length }),
      (error: unknown) => {
        if (!(error instanceof IngestError)) throw error;
        return { status: error.status, detail: error.detail, headers: error.headers };
      },
    );
  }

  async function until(check: () => boolean): Promise<void> {
    for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(check()).toBe(true);
  }

  it("refuses the body inflating the most with 503 so others are read, and gives every byte back", async () => {
    const budget = new DecompressionBudget(8 * MiB);
    const held = new PassThrough() as unknown as IncomingMessage & PassThrough;
    held.headers = { ...gzip, "content-length": String(bomb.length) };
    const first = outcome(readBody(held, { ...envelopeLimits, budget }));
    held.write(bomb.subarray(0, 6 * 1024));
    await until(() => budget.bytesInFlight > 4 * MiB);

    // An ordinary event is read while the bomb holds most of the budget...
    const ordinary = readBody(request(zlib.gzipSync(text), gzip), { ...envelopeLimits, budget });
    await expect(ordinary).resolves.toEqual(text);
    // ...and a second bomb takes the total over: the first, holding the most, is refused.
    const second = await outcome(readBody(request(bomb, gzip), { ...envelopeLimits, budget }));
    expect(await first).toMatchObject({
      status: 503,
      detail: expect.stringMatching(/server busy/),
      headers: { "Retry-After": "2" },
    });
    // Alone, the second bomb needs more than the whole budget: 413, retrying could not help.
    expect(second).toMatchObject({ status: 413 });
    expect(budget.bytesInFlight).toBe(0);
  });

  it("charges deflate and brotli bodies too, and releases a refused bomb's bytes", async () => {
    const budget = new DecompressionBudget(4 * MiB);
    for (const [encoding, wire] of [
      ["deflate", zlib.deflateSync(Buffer.alloc(16 * MiB))],
      ["br", zlib.brotliCompressSync(Buffer.alloc(16 * MiB))],
    ] as const) {
      const error = await outcome(
        readBody(request(wire, { "content-encoding": encoding }), { ...envelopeLimits, budget }),
      );
      expect(error).toMatchObject({ status: 413 });
      expect(budget.bytesInFlight).toBe(0);
    }
  });

  it("cuts a bomb at the per-request limit and charges nothing once the body is handed on", async () => {
    const budget = new DecompressionBudget(64 * MiB);
    const error = await outcome(
      readBody(request(bomb, gzip), { maxCompressed: MiB, maxDecompressed: 2 * MiB, budget }),
    );
    expect(error).toMatchObject({
      status: 413,
      detail: expect.stringMatching(/decompressed body exceeds the 2097152/),
    });
    await expect(readBody(request(zlib.gzipSync(text), gzip), { ...limits, budget })).resolves.toEqual(text);
    expect(budget.bytesInFlight).toBe(0);
  });

  it("refuses a small in-place body that does not fit beside larger ones", async () => {
    const budget = new DecompressionBudget(8 * MiB);
    const held = new PassThrough() as unknown as IncomingMessage & PassThrough;
    held.headers = { ...gzip, "content-length": String(bomb.length) };
    const first = outcome(readBody(held, { ...envelopeLimits, budget }));
    held.write(bomb.subarray(0, 3 * 1024));
    await until(() => budget.bytesInFlight > 2 * MiB);
    // 6 KiB on the wire, 6 MiB inflated: more than the held bomb, so it is the one refused.
    const small = zlib.gzipSync(Buffer.alloc(6 * MiB));
    const answer = await outcome(
      readBody(request(small, { ...gzip, "content-length": String(small.length) }), { ...envelopeLimits, budget }),
    );
    expect(answer).toMatchObject({ status: 503 });
    held.end(bomb.subarray(3 * 1024));
    expect(await first).toMatchObject({ status: 413 });
    expect(budget.bytesInFlight).toBe(0);
  });
});

describe("decoderFor", () => {
  it("is case-insensitive and trims", () => {
    expect(decoderFor(" GZIP ")).toBe("gzip");
  });
});

describe("inflateLimited", () => {
  it("inflates zlib data and enforces the limit", () => {
    expect(inflateLimited(zlib.deflateSync(text), 1024 * 1024)).toEqual(text);
    expect(() => inflateLimited(zlib.deflateSync(Buffer.alloc(10_000)), 100)).toThrow(/exceeds/);
    expect(() => inflateLimited(Buffer.from("garbage"), 100)).toThrow(IngestError);
  });
});
