import { PassThrough, Readable } from "node:stream";
import type { IncomingMessage } from "node:http";
import zlib from "node:zlib";
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
    const error = await readBody(request(bomb, { "content-encoding": "gzip" }), limits).catch((e: unknown) => e);
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
