import type { IncomingMessage } from "node:http";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { ingestDecompressionBudget, type BudgetCharge, type DecompressionBudget } from "./decompression-budget";
import { IngestError } from "./ingest-error";

export interface BodyLimits {
  /** Bytes on the wire. */
  maxCompressed: number;
  /** Bytes after decompression. */
  maxDecompressed: number;
  /** What compressed bodies are charged to while inflating; the process's budget if absent. */
  budget?: DecompressionBudget;
}

type Decoder = "identity" | "gzip" | "deflate" | "br";

/** Content-Encoding values SDKs send, including the quirks Relay tolerates (§4.1). */
export function decoderFor(header: string | undefined): Decoder {
  const value = (header ?? "").trim().toLowerCase();
  if (value === "" || value === "identity" || value === "utf-8") return "identity";
  if (value === "gzip" || value === "x-gzip") return "gzip";
  if (value === "deflate") return "deflate";
  if (value === "br") return "br";
  throw new IngestError(415, `unsupported content encoding "${value}"`);
}

/**
 * Reads a request body, decompressing as it streams. Both limits are enforced while reading,
 * so neither a huge upload nor a decompression bomb is ever held in memory past its limit, and
 * every compressed body is charged to the decompression budget (decompression-budget.ts) until
 * it is handed back: across all requests, inflating never holds more than the budget.
 */
export async function readBody(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limits.maxCompressed) {
    req.resume();
    throw new IngestError(413, `request body exceeds the ${limits.maxCompressed} byte limit`);
  }
  const decoder = decoderFor(headerString(req.headers["content-encoding"]));
  // The common cases (plain bodies, small gzip bodies) skip stream pipelines: they cost more per
  // request than the rest of ingest. Both limits still hold while reading and while inflating.
  if (decoder === "identity") {
    const body = await readRaw(req, Math.min(limits.maxCompressed, limits.maxDecompressed));
    return body;
  }
  const budget = limits.budget ?? ingestDecompressionBudget;
  if (decoder !== "gzip" || (Number.isFinite(declared) && declared > INLINE_GUNZIP_MAX_BYTES))
    return inflateStreaming(req, decoder, limits, budget, []);
  // Small gzip bodies, declared or not (chunked uploads), inflate in place once read.
  const head = await readUpTo(req, INLINE_GUNZIP_MAX_BYTES);
  if (head.complete) return gunzipInPlace(joined(head), limits.maxDecompressed, budget);
  return inflateStreaming(req, decoder, limits, budget, head.chunks);
}

interface Head {
  chunks: Buffer[];
  length: number;
  /** The body ended within the bytes read; if not, the request is paused after them. */
  complete: boolean;
}

/** Reads the raw body up to `max` bytes; past it the rest is drained and the request refused. */
async function readRaw(req: IncomingMessage, max: number): Promise<Buffer> {
  const head = await readUpTo(req, max);
  if (head.complete) return joined(head);
  req.resume();
  throw new IngestError(413, `request body exceeds the ${max} byte limit`);
}

function joined(head: Head): Buffer {
  return head.chunks.length === 1 ? (head.chunks[0] as Buffer) : Buffer.concat(head.chunks, head.length);
}

/** Reads until the body ends or passes `max` bytes (then pauses the request, keeping what was read). */
function readUpTo(req: IncomingMessage, max: number): Promise<Head> {
  return new Promise((resolve, reject) => {
    const head: Head = { chunks: [], length: 0, complete: false };
    let settled = false;
    const finish = (error: IngestError | null) => {
      if (settled) return;
      settled = true;
      req.off("data", onData).off("end", onEnd).off("aborted", onAborted).off("error", onAborted).off("close", onClose);
      if (error) {
        req.resume();
        reject(error);
      } else resolve(head);
    };
    const onData = (chunk: Buffer) => {
      head.chunks.push(chunk);
      head.length += chunk.length;
      if (head.length > max) {
        req.pause();
        finish(null);
      }
    };
    const onEnd = () => {
      head.complete = true;
      finish(null);
    };
    const onAborted = () => finish(new IngestError(400, "request body was cut off"));
    // A request that closes before "end" was cut off by the client.
    const onClose = () => (req.complete ? onEnd() : onAborted());
    req.on("data", onData).on("end", onEnd).on("aborted", onAborted).on("error", onAborted).on("close", onClose);
  });
}

/**
 * Gzip bodies this small inflate in place, synchronously: a stream pipeline costs more than
 * inflating a few kilobytes, and at gzip's ratio (at most ~1:1032) one such body inflates to
 * ~16 MiB at most before its limit stops it. Everything else streams.
 */
const INLINE_GUNZIP_MAX_BYTES = 16 * 1024;

function gunzipInPlace(data: Buffer, maxBytes: number, budget: DecompressionBudget): Buffer {
  let body: Buffer;
  try {
    body = zlib.gunzipSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
      throw new IngestError(413, `decompressed body exceeds the ${maxBytes} byte limit`);
    throw new IngestError(400, "invalid request body: could not decode gzip content");
  }
  // Charged for the moment it exists beside the bodies still inflating: when they are too
  // many, this body or the largest of them is refused, as with streamed bodies.
  const charge = budget.open();
  try {
    charge.take(data.length + body.length);
  } finally {
    charge.release();
  }
  return body;
}

/**
 * Inflates while the body arrives. The compressed bytes received and the inflated bytes
 * produced are charged to the budget chunk by chunk; past the limit, or when the budget
 * refuses this request, inflating stops at once, the rest of the body is drained unread and
 * what was inflated is dropped.
 */
async function inflateStreaming(
  req: IncomingMessage,
  decoder: Exclude<Decoder, "identity">,
  limits: BodyLimits,
  budget: DecompressionBudget,
  /** Bytes already read from `req` (then paused), to inflate first. */
  alreadyRead: Buffer[],
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  const sink = new ByteLimit(limits.maxDecompressed, "decompressed body");
  const charge = budget.open((refusal) => sink.destroy(refusal));
  const wire = new ByteLimit(limits.maxCompressed, "request body", charge);
  sink.charge = charge;
  sink.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
  });
  // Piped, not in the pipeline: a refusal must not destroy the request (and with it the
  // socket the answer goes out on); the client going away must still end the pipeline.
  const cutOff = () => {
    if (!req.complete && !req.readableEnded) wire.destroy(new IngestError(400, "request body was cut off"));
  };
  req.once("aborted", cutOff).once("error", cutOff).once("close", cutOff);
  for (const chunk of alreadyRead) wire.write(chunk);
  req.pipe(wire);
  try {
    await pipeline(wire, createDecompressor(decoder), sink);
  } catch (error) {
    req.unpipe(wire);
    req.resume();
    if (error instanceof IngestError) throw error;
    if (isAbort(error)) throw new IngestError(400, "request body was cut off");
    throw new IngestError(400, `invalid request body: could not decode ${decoder} content`);
  } finally {
    req.off("aborted", cutOff).off("error", cutOff).off("close", cutOff);
    charge.release();
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
}

/** Decompresses a buffer with the same limit (used for legacy base64+zlib store payloads). */
export function inflateLimited(data: Buffer, maxBytes: number): Buffer {
  try {
    return zlib.inflateSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
      throw new IngestError(413, `decompressed body exceeds the ${maxBytes} byte limit`);
    throw new IngestError(400, "invalid request body: not JSON, base64 or zlib");
  }
}

function createDecompressor(decoder: Exclude<Decoder, "identity">): Transform {
  if (decoder === "gzip") return zlib.createGunzip();
  if (decoder === "br") return zlib.createBrotliDecompress();
  return new DeflateSniffer();
}

/** HTTP "deflate" should be zlib-wrapped, but some clients send raw deflate; accept both. */
class DeflateSniffer extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;
  /** A deflate stream can end before the body does; bytes after its end are ignored. */
  private innerEnded = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (!this.inner) {
      const b0 = chunk[0] ?? 0;
      const b1 = chunk[1] ?? 0;
      const zlibHeader = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
      this.inner = zlibHeader ? zlib.createInflate() : zlib.createInflateRaw();
      this.inner.on("data", (data: Buffer) => this.push(data));
      this.inner.on("end", () => (this.innerEnded = true));
      this.inner.on("error", (error) => this.destroy(error));
    }
    if (this.innerEnded) return done();
    this.inner.write(chunk, () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.inner || this.innerEnded) return done();
    // Wait for the readable side to drain, not just for the input to be consumed.
    this.inner.once("end", () => done());
    this.inner.end();
  }
}

/** Counts bytes through, refusing past `max` (413); with a charge, also charges them to the budget. */
class ByteLimit extends Transform {
  private seen = 0;
  constructor(
    private readonly max: number,
    private readonly what: string,
    public charge?: BudgetCharge,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) return done(new IngestError(413, `${this.what} exceeds the ${this.max} byte limit`));
    try {
      this.charge?.take(chunk.length);
    } catch (error) {
      return done(error as Error);
    }
    done(null, chunk);
  }
}

function headerString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

function isAbort(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "ERR_STREAM_PREMATURE_CLOSE" || code === "ECONNRESET";
}
