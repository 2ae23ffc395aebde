import type { Request } from "express";
import { ApiError, badRequest } from "../api-error";
import { IngestError } from "../../ingest/ingest-error";
import { multipartBoundary, parseMultipart, type FormPart } from "../../ingest/multipart";
import { readBody } from "../../ingest/read-body";

/** Reads a `multipart/form-data` upload of at most `maxBytes` and splits it into its parts. */
export async function readMultipartUpload(req: Request, maxBytes: number): Promise<FormPart[]> {
  try {
    const boundary = multipartBoundary(req.headers["content-type"]);
    if (!boundary) throw badRequest("expected a multipart/form-data upload");
    const body = await readBody(req, { maxCompressed: maxBytes, maxDecompressed: maxBytes });
    return parseMultipart(body, boundary);
  } catch (error) {
    // The ingest helpers speak IngestError; the web API answers the same status (and headers:
    // a compressed upload refused by the decompression budget says when to retry) as ApiError.
    if (error instanceof IngestError) throw new ApiError(error.status, error.detail, error.headers);
    throw error;
  }
}
