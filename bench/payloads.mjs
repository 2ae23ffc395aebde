// The request mix of the ingest benchmark, built from recorded SDK traffic (test/fixtures).
import { readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const captures = (root, name) =>
  readFileSync(path.join(root, "test/fixtures/sdk-captures", name), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));

/** A browser error envelope padded with breadcrumbs to `targetBytes` (browser events are 3–6 KB). */
function browserEnvelope(capture, targetBytes) {
  const [, itemHeader, payload] = capture.body.split("\n");
  const event = JSON.parse(payload);
  event.breadcrumbs = event.breadcrumbs ?? [];
  let i = 0;
  while (JSON.stringify(event).length < targetBytes - 200) {
    event.breadcrumbs.push({
      timestamp: 1700000000 + i,
      category: "ui.click",
      message: `button#checkout-step-${i++} > span.label`,
    });
  }
  return `${JSON.stringify({ sent_at: new Date().toISOString() })}\n${itemHeader}\n${JSON.stringify(event)}\n`;
}

/** An event with a 256 KB attachment (a log file), as mobile SDKs send them. */
function largeEnvelope() {
  const event = JSON.stringify({ message: "crash with log", level: "fatal", platform: "java" });
  const log = Buffer.alloc(256 * 1024, "log line with some words in it\n");
  return Buffer.concat([
    Buffer.from(`{}\n{"type":"event","length":${Buffer.byteLength(event)}}\n${event}\n`),
    Buffer.from(`{"type":"attachment","length":${log.length},"filename":"app.log","content_type":"text/plain"}\n`),
    log,
    Buffer.from("\n"),
  ]);
}

/**
 * 20 requests, cycled by every connection: 14 browser envelopes (3–6 KB, text/plain, query
 * auth), 5 gzip /store/ events from the Python SDK (X-Sentry-Auth), 1 large event + attachment.
 */
export function requestMix(root, projectId, publicKey) {
  const browser = captures(root, "browser.jsonl").filter((c) => c.body.includes('{"type":"event"}'));
  const python = captures(root, "python.jsonl").filter((c) => c.url.includes("/store/"));
  const envelopeUrl = `/api/${projectId}/envelope/?sentry_version=7&sentry_key=${publicKey}&sentry_client=sentry.javascript.browser%2F11.12.0`;
  const mix = [];
  for (let i = 0; i < 20; i++) {
    if (i === 19) {
      mix.push({
        method: "POST",
        path: `/api/${projectId}/envelope/`,
        headers: {
          "x-sentry-auth": `Sentry sentry_key=${publicKey}, sentry_version=7, sentry_client=sentry.java/8.0.0`,
        },
        body: largeEnvelope(),
      });
    } else if (i % 4 === 3) {
      const capture = python[i % python.length];
      mix.push({
        method: "POST",
        path: `/api/${projectId}/store/`,
        headers: {
          "content-type": "application/json",
          "content-encoding": "gzip",
          "x-sentry-auth": capture.headers["x-sentry-auth"].replace("abc123pub", publicKey),
        },
        body: zlib.gzipSync(capture.body),
      });
    } else {
      const capture = browser[i % browser.length];
      mix.push({
        method: "POST",
        path: envelopeUrl,
        headers: { "content-type": "text/plain;charset=UTF-8" },
        body: browserEnvelope(capture, 3000 + ((i * 211) % 3000)),
      });
    }
  }
  return mix;
}
