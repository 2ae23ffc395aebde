import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** One recorded or upstream payload, as a request and the answer a Sentry server gives it. */
export interface FixtureCase {
  name: string;
  /** Path after /api/<project id>/, with the query string (the key placeholder is `{key}`). */
  endpoint: string;
  headers: Record<string, string>;
  body: Buffer;
  status: number;
  /** Whether an event (not a transaction or other item) in it should be stored. */
  storesEvent: boolean;
}

export const FIXTURES = path.resolve(__dirname, "../fixtures");
const AUTH = { "x-sentry-auth": "Sentry sentry_key={key}, sentry_version=7, sentry_client=fixture-replay/1.0" };

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

const compact = (file: string) => JSON.stringify(JSON.parse(readFileSync(file, "utf8")));
const rel = (file: string) => path.relative(FIXTURES, file);

function store(file: string, body = compact(file)): FixtureCase {
  const parsed = JSON.parse(body) as { type?: unknown };
  return {
    name: rel(file),
    endpoint: "store/",
    headers: { ...AUTH, "content-type": "application/json" },
    body: Buffer.from(body),
    status: 200,
    storesEvent: parsed.type !== "transaction",
  };
}

function envelope(name: string, wire: Buffer | string, status = 200): FixtureCase {
  const body = Buffer.isBuffer(wire) ? wire : Buffer.from(wire);
  return {
    name,
    endpoint: "envelope/",
    headers: { ...AUTH, "content-type": "application/x-sentry-envelope" },
    body,
    status,
    storesEvent: status === 200 && /"type":\s*"event"/.test(body.toString("latin1")),
  };
}

/** A single-item envelope around a JSON file (check-ins, sessions, logs...). */
function itemEnvelope(file: string, type: string): FixtureCase {
  const payload = compact(file);
  return envelope(rel(file), `{}\n${JSON.stringify({ type, length: Buffer.byteLength(payload) })}\n${payload}\n`);
}

/** Envelopes stored as JSON arrays `[header, itemHeader, payload, ...]` (glitchtip's test data). */
function arrayEnvelope(file: string): FixtureCase {
  const [header, ...rest] = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>[];
  const lines = [JSON.stringify(header)];
  for (let i = 0; i + 1 < rest.length; i += 2) {
    const payload = JSON.stringify(rest[i + 1]);
    // Lengths were for the original bytes; re-serialized payloads get their own.
    lines.push(JSON.stringify({ ...rest[i], length: Buffer.byteLength(payload) }), payload);
  }
  return envelope(rel(file), `${lines.join("\n")}\n`);
}

const isJsonArray = (file: string) => file.endsWith(".json") && readFileSync(file, "utf8").trimStart().startsWith("[");

function sdkCaptures(file: string): FixtureCase[] {
  const lines = readFileSync(file, "utf8").trim().split("\n");
  return lines.map((line, index) => {
    const capture = JSON.parse(line) as { url: string; headers: Record<string, string>; body: string };
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "x-sentry-auth", "user-agent", "content-encoding", "origin"]) {
      const value = capture.headers[name];
      if (value !== undefined) headers[name] = value.replace("abc123pub", "{key}");
    }
    let body = Buffer.from(capture.body);
    if (headers["content-encoding"] === "gzip") body = zlib.gzipSync(body);
    else delete headers["content-encoding"];
    const endpoint = capture.url.replace(/^\/api\/1\//, "").replace("abc123pub", "{key}");
    // The Python transaction envelope declares a length 10 bytes past its payload: Relay refuses it.
    const badLength = file.endsWith("python.jsonl") && endpoint.startsWith("envelope/");
    return {
      name: `${rel(file)}#${index + 1}`,
      endpoint,
      headers,
      body,
      status: badLength ? 400 : 200,
      storesEvent: !badLength && (endpoint.startsWith("store/") || /"type":"event"/.test(capture.body)),
    };
  });
}

export function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const file of walk(path.join(FIXTURES, "sdk-captures"))) cases.push(...sdkCaptures(file));
  for (const file of walk(path.join(FIXTURES, "upstream"))) {
    const name = rel(file);
    const base = path.basename(file);
    if (base === "SOURCES.md") continue;
    if (name.includes("glitchtip-backend") && isJsonArray(file)) cases.push(arrayEnvelope(file));
    else if (base === "mozilla_example.json")
      cases.push({
        name,
        endpoint: "security/?sentry_key={key}",
        headers: { "content-type": "application/csp-report" },
        body: readFileSync(file),
        status: 200,
        storesEvent: true,
      });
    else if (name.includes("glitchtip-backend/events/")) cases.push(store(file));
    // session-only.txt declares a length of 85 for a 99-byte payload: malformed framing for Relay too.
    else if (base.endsWith(".txt")) {
      const replayed = envelope(name, readFileSync(file), base === "session-only.txt" ? 400 : 200);
      // Its event payload is cut off mid-object: dropped as invalid, its attachments kept (200).
      if (base.endsWith("event-attachment.txt")) replayed.storesEvent = false;
      cases.push(replayed);
    } else if (base.endsWith(".golden")) cases.push(store(file));
    else if (name.includes("/checkin/") || base.startsWith("checkin_")) cases.push(itemEnvelope(file, "check_in"));
    else if (base === "session.json") cases.push(itemEnvelope(file, "session"));
    else if (base === "sentry_logs.json") cases.push(itemEnvelope(file, "log"));
    else if (base === "sentry_metrics.json") cases.push(itemEnvelope(file, "trace_metric"));
    else if (base === "sentry_envelope_header.json") cases.push(envelope(name, `${compact(file)}\n`));
    // An item header declaring 345 bytes with none following: malformed framing.
    else if (base === "sentry_envelope_item_header.json") cases.push(envelope(name, `{}\n${compact(file)}\n`, 400));
    // Every other JSON object (events and interface fragments) is a valid /store/ body.
    else cases.push(store(file));
  }
  return cases;
}
