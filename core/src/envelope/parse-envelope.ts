import { isUtf8 } from "node:buffer";

/**
 * Sentry envelope framing: a JSON header line, then items, each a JSON header line followed by
 * a payload. With `length` the payload is exactly that many bytes (it may contain newlines);
 * without it the payload runs to the next newline or the end of the body.
 * See sentry-protocol.md §3.
 */

export class EnvelopeError extends Error {
  override readonly name = "EnvelopeError";
}

export type JsonObject = Record<string, unknown>;

export interface EnvelopeItem {
  headers: JsonObject & { type: string };
  payload: Buffer;
}

export interface Envelope {
  headers: JsonObject;
  items: EnvelopeItem[];
}

const NEWLINE = 0x0a;
/** Guards against a single header line that is itself a bomb; real headers are a few hundred bytes. */
const MAX_HEADER_BYTES = 64 * 1024;
/** Far above anything an SDK sends (a handful of items), low enough to bound the work per request. */
export const MAX_ENVELOPE_ITEMS = 1000;

export function parseEnvelope(body: Buffer): Envelope {
  if (body.length === 0) throw new EnvelopeError("empty envelope");
  let offset = 0;

  const headerLine = readLine(body, offset);
  const headers = parseHeader(headerLine.line, "envelope header");
  offset = headerLine.next;

  const items: EnvelopeItem[] = [];
  while (offset < body.length) {
    const { line, next } = readLine(body, offset);
    offset = next;
    // Blank lines between or after items (trailing newlines) carry nothing.
    if (line.length === 0 || isWhitespace(line)) continue;
    if (items.length >= MAX_ENVELOPE_ITEMS) {
      throw new EnvelopeError(`too many items (more than ${MAX_ENVELOPE_ITEMS})`);
    }
    const itemHeaders = parseItemHeader(line, items.length);
    const length = itemHeaders.length;
    let payload: Buffer;
    if (length !== undefined) {
      if (typeof length !== "number" || !Number.isInteger(length) || length < 0) {
        throw new EnvelopeError(`item ${items.length}: "length" must be a non-negative integer`);
      }
      if (offset + length > body.length) {
        throw new EnvelopeError(
          `item ${items.length}: "length" is ${length} but only ${body.length - offset} bytes remain`,
        );
      }
      payload = body.subarray(offset, offset + length);
      offset += length;
      // After a length-delimited payload comes a newline or the end of the body, nothing else (§3.2).
      if (body[offset] === 0x0d && body[offset + 1] === NEWLINE) offset += 1;
      if (offset < body.length && body[offset] !== NEWLINE && !isWhitespace(body.subarray(offset))) {
        throw new EnvelopeError(`item ${items.length}: payload is longer than its "length" of ${length}`);
      }
      if (body[offset] === NEWLINE) offset += 1;
    } else {
      const rest = readLine(body, offset);
      payload = rest.line;
      offset = rest.next;
    }
    items.push({ headers: itemHeaders, payload });
  }
  return { headers, items };
}

function readLine(body: Buffer, start: number): { line: Buffer; next: number } {
  const end = body.indexOf(NEWLINE, start);
  if (end === -1) return { line: body.subarray(start), next: body.length };
  // Tolerate CRLF line endings from hand-written clients.
  const lineEnd = end > start && body[end - 1] === 0x0d ? end - 1 : end;
  return { line: body.subarray(start, lineEnd), next: end + 1 };
}

function isWhitespace(line: Buffer): boolean {
  for (const byte of line) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

function parseHeader(line: Buffer, what: string): JsonObject {
  if (line.length > MAX_HEADER_BYTES) throw new EnvelopeError(`${what} is too large`);
  if (!isUtf8(line)) throw new EnvelopeError(`${what} is not valid UTF-8`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString("utf8"));
  } catch {
    throw new EnvelopeError(`${what} is not valid JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new EnvelopeError(`${what} must be a JSON object`);
  }
  return parsed as JsonObject;
}

function parseItemHeader(line: Buffer, index: number): EnvelopeItem["headers"] {
  const headers = parseHeader(line, `item ${index} header`);
  if (typeof headers.type !== "string" || headers.type.length === 0) {
    throw new EnvelopeError(`item ${index} header has no "type"`);
  }
  return headers as EnvelopeItem["headers"];
}
