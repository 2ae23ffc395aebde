import type { Request } from "express";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { DEFAULT_DECOMPRESSION_BUDGET_BYTES, ingestDecompressionBudget } from "../../ingest/decompression-budget";
import { ApiError } from "../api-error";
import { readMultipartUpload } from "./read-upload";

const MiB = 1024 * 1024;

afterEach(() => ingestDecompressionBudget.resize(DEFAULT_DECOMPRESSION_BUDGET_BYTES));

function upload(body: Buffer, headers: Record<string, string>): Request {
  const chunks: Buffer[] = [];
  for (let i = 0; i < body.length; i += 1024) chunks.push(body.subarray(i, i + 1024));
  return Object.assign(Readable.from(chunks), { headers }) as unknown as Request;
}

it("refuses a compressed upload over the decompression budget with 503 and Retry-After", async () => {
  ingestDecompressionBudget.resize(4 * MiB);
  // Another body, still inflating, holds a little under half the budget.
  const other = ingestDecompressionBudget.open();
  other.take(Math.round(1.9 * MiB));
  try {
    const body = zlib.gzipSync(Buffer.alloc(64 * MiB)); // streamed: over 16 KiB on the wire
    const error = await readMultipartUpload(
      upload(body, { "content-type": "multipart/form-data; boundary=x", "content-encoding": "gzip" }),
      32 * MiB,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, headers: { "Retry-After": "2" } });
  } finally {
    other.release();
  }
  expect(ingestDecompressionBudget.bytesInFlight).toBe(0);
});
