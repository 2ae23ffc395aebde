import { IngestError } from "./ingest-error";

export interface FormPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

/** The boundary of a `multipart/form-data` content type, or undefined for other types. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!/^multipart\/form-data/i.test(contentType ?? "")) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
  const boundary = (match?.[1] ?? match?.[2])?.trim();
  if (!boundary) throw new IngestError(400, "invalid multipart body: no boundary");
  return boundary;
}

/** Splits an already-read multipart body (bounded by the body limits) into its parts. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  if (start === -1) throw new IngestError(400, "invalid multipart body: boundary not found");
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) throw new IngestError(400, "invalid multipart body: unterminated part");
    const part = body.subarray(afterDelimiter, next);
    parts.push(parsePart(stripCrlf(part)));
    if (parts.length > 100) throw new IngestError(400, "invalid multipart body: too many parts");
    start = next;
  }
  return parts;
}

function stripCrlf(part: Buffer): Buffer {
  let from = 0;
  let to = part.length;
  if (part[0] === 0x0d && part[1] === 0x0a) from = 2;
  if (part[to - 2] === 0x0d && part[to - 1] === 0x0a) to -= 2;
  return part.subarray(from, to);
}

function parsePart(part: Buffer): FormPart {
  const split = part.indexOf("\r\n\r\n");
  if (split === -1) throw new IngestError(400, "invalid multipart body: part without headers");
  const headers = part.subarray(0, split).toString("utf8").split("\r\n");
  const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? "";
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) throw new IngestError(400, "invalid multipart body: part without a name");
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  const contentType = headers
    .find((line) => /^content-type:/i.test(line))
    ?.split(":")[1]
    ?.trim();
  return { name, filename, contentType, data: part.subarray(split + 4) };
}
