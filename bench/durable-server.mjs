// The second baseline: the least a durable ingest must do. A bare Node http server that reads
// the body (inflating gzip), JSON.parses each envelope item (or the /store/ event), and pushes
// the items to Redis in one pipelined write per event-loop turn before answering. No
// authentication, limits, rate limits, scrubbing of headers or outcome counters: what is left is
// the floor any validating, durable ingest pays on this machine.
import { createServer } from "node:http";
import { gunzipSync } from "node:zlib";
import { Redis } from "ioredis";

const [port, redisUrl] = process.argv.slice(2);
const redis = new Redis(redisUrl);
const QUEUE = "durable-baseline:items";

/** Payloads of a Sentry envelope's items, each JSON one parsed (attachments are bytes). */
function envelopeItems(body) {
  const items = [];
  let offset = body.indexOf(10);
  if (offset < 0) throw new Error("no envelope header");
  JSON.parse(body.subarray(0, offset).toString("utf8"));
  offset++;
  while (offset < body.length) {
    let end = body.indexOf(10, offset);
    if (end < 0) end = body.length;
    if (end === offset) {
      offset++;
      continue;
    }
    const header = JSON.parse(body.subarray(offset, end).toString("utf8"));
    const start = end + 1;
    let stop = typeof header.length === "number" ? start + header.length : body.indexOf(10, start);
    if (stop < 0) stop = body.length;
    const payload = body.subarray(start, stop);
    // Parsed to be sure it is JSON; the bytes as received are what is kept.
    if (header.type !== "attachment") JSON.parse(payload.toString("utf8"));
    items.push(payload);
    offset = stop + 1;
  }
  return items;
}

// Requests of this event-loop turn: their items go out in one pipeline, then each is answered.
let pending = [];
function flush() {
  const batch = pending;
  pending = [];
  const pipeline = redis.pipeline();
  for (const { items } of batch) pipeline.rpush(QUEUE, ...items);
  // Keep the list short: the baseline measures the write, not Redis's memory.
  pipeline.ltrim(QUEUE, -1000, -1);
  pipeline.exec().then(
    () => {
      for (const { res } of batch) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"id":"00000000000000000000000000000000"}');
      }
    },
    () => {
      for (const { res } of batch) {
        res.writeHead(503);
        res.end();
      }
    },
  );
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    try {
      let body = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
      let items;
      if (req.url.includes("/store/")) {
        JSON.parse(body.toString("utf8"));
        items = [body];
      } else items = envelopeItems(body);
      if (pending.length === 0) setImmediate(flush);
      pending.push({ items, res });
    } catch {
      res.writeHead(400);
      res.end();
    }
  });
});
server.keepAliveTimeout = 65_000;
redis.once("ready", () => server.listen(Number(port), "127.0.0.1", () => process.send?.("ready")));
