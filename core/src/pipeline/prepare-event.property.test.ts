import fc from "fast-check";
import { normalizeEvent, normalizeEventFields } from "../event/normalize-event";
import { sanitizeStrings } from "../event/sanitize-strings";
import { SHAPE_CAPS } from "../event/shape-caps";
import type { NormalizedEvent } from "../event/types";
import { hostileText, moderateText, payloads } from "../testing/hostile-payloads";
import { prepareNormalizedEvent } from "./prepare-event";

/**
 * Whatever an SDK (or an attacker) sends, the pipeline's pure part — sanitize at the job edge,
 * normalize, scrub, group — must not throw, must leave nothing PostgreSQL refuses, and must
 * respect every SHAPE_CAPS limit. Sizes stay moderate so the runs take a few seconds.
 */

const context = { eventId: "0".repeat(32), receivedAt: Date.parse("2026-11-22T03:00:00Z"), clientIp: "198.51.100.1" };

interface Walked {
  strings: string[];
  keys: string[];
  depth: number;
}

function walk(value: unknown, depth = 0, out: Walked = { strings: [], keys: [], depth: 0 }): Walked {
  out.depth = Math.max(out.depth, depth);
  if (typeof value === "string") out.strings.push(value);
  else if (Array.isArray(value)) for (const item of value) walk(item, depth + 1, out);
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.keys.push(key);
      walk(item, depth + 1, out);
    }
  }
  return out;
}

/** Characters of a value's JSON, counting an escape (`\\u0001`, `\\n`) as the one character it stands for. */
const jsonChars = (value: unknown) => JSON.stringify(value).replace(/\\(u[0-9a-fA-F]{4}|.)/g, "x").length;

const storable = (text: string) => text.isWellFormed() && !text.includes("\u0000");

function stacksOf(event: NormalizedEvent): { frames: unknown[] }[] {
  const stacks: unknown[] = [event.stacktrace];
  for (const value of event.exception?.values ?? []) stacks.push(value.stacktrace, value.raw_stacktrace);
  for (const thread of event.threads?.values ?? []) stacks.push(thread.stacktrace);
  return stacks.filter((stack): stack is { frames: unknown[] } => typeof stack === "object" && stack !== null);
}

/**
 * Every cap, checked on one event. Violations are collected and asserted once: thousands of
 * `expect` calls per run would make the property runs slow.
 */
/** `sanitized`: the payload went through the job runner's sanitizing, so every string is storable. */
function checkCaps(event: NormalizedEvent, sanitized = true): void {
  const violations: string[] = [];
  const within = (what: string, actual: number, max: number) => {
    if (!(actual <= max)) violations.push(`${what}: ${actual} > ${max}`);
  };
  const { strings, keys, depth } = walk(event);
  if (sanitized)
    for (const text of [...strings, ...keys])
      if (!storable(text)) violations.push(`not storable: ${JSON.stringify(text)}`);
  for (const text of strings) within("text.length", text.length, SHAPE_CAPS.stringLength);
  for (const key of keys) within("key.length", key.length, SHAPE_CAPS.keyLength);
  within("depth", depth, 16);

  within("event.message.length", event.message.length, SHAPE_CAPS.messageLength);
  within("event.title.length", event.title.length, SHAPE_CAPS.exceptionTypeLength + 2 + 100);
  within("event.exception?.values.length ?? 0", event.exception?.values.length ?? 0, SHAPE_CAPS.exceptionValues);
  for (const value of event.exception?.values ?? []) {
    within("value.value?.length ?? 0", value.value?.length ?? 0, SHAPE_CAPS.exceptionValueLength);
    within("value.type?.length ?? 0", value.type?.length ?? 0, SHAPE_CAPS.exceptionTypeLength);
  }
  for (const stack of stacksOf(event)) {
    within("stack.frames.length", stack.frames.length, SHAPE_CAPS.framesPerStacktrace);
    for (const frame of stack.frames as Record<string, unknown>[]) {
      for (const field of ["pre_context", "post_context"]) {
        const lines = (frame[field] ?? []) as string[];
        within("lines.length", lines.length, SHAPE_CAPS.contextLines);
        for (const line of lines) within("line.length", line.length, SHAPE_CAPS.contextLineLength);
      }
      if (frame.vars !== undefined) {
        within("jsonChars(frame.vars)", jsonChars(frame.vars), SHAPE_CAPS.frameVars.maxBytes + 600);
      }
    }
  }
  within("event.breadcrumbs?.values.length ?? 0", event.breadcrumbs?.values.length ?? 0, SHAPE_CAPS.breadcrumbs);
  for (const crumb of event.breadcrumbs?.values ?? []) {
    if (typeof crumb.message === "string") {
      within("crumb.message.length", crumb.message.length, SHAPE_CAPS.breadcrumbMessageLength);
    }
    if (crumb.data !== undefined) {
      within("jsonChars(crumb.data)", jsonChars(crumb.data), SHAPE_CAPS.breadcrumbData.maxBytes + 600);
    }
  }
  // Faultline's own promoted tags (level, environment, user, url...) come on top of the SDK's.
  within("event.tags.length", event.tags.length, SHAPE_CAPS.tags + 20);
  for (const [key, value] of event.tags) {
    within("key.length", key.length, SHAPE_CAPS.tagKeyLength);
    within("value.length", value.length, SHAPE_CAPS.tagValueLength);
  }
  for (const value of Object.values(event.extra ?? {})) {
    within("jsonChars(value)", jsonChars(value), SHAPE_CAPS.extraValue.maxBytes + 600);
  }
  within("jsonChars(event.extra ?? {})", jsonChars(event.extra ?? {}), SHAPE_CAPS.extra.maxBytes + 20_000);
  if (event.request?.data !== undefined) {
    within("jsonChars(event.request.data)", jsonChars(event.request.data), SHAPE_CAPS.requestData.maxBytes + 600);
  }
  for (const field of ["headers", "cookies", "query_string"]) {
    const pairs = event.request?.[field];
    if (Array.isArray(pairs)) within("pairs.length", pairs.length, SHAPE_CAPS.requestPairs);
  }
  within("event.fingerprint?.length ?? 0", event.fingerprint?.length ?? 0, SHAPE_CAPS.fingerprintParts);
  within("event.errors?.length ?? 0", event.errors?.length ?? 0, SHAPE_CAPS.notes);
  expect(violations.slice(0, 5)).toEqual([]);
}

function prepare(raw: Record<string, unknown>) {
  const clean = sanitizeStrings(raw);
  return {
    normalized: normalizeEvent(clean, context),
    prepared: prepareNormalizedEvent(normalizeEventFields(clean, context)),
  };
}

const moderate = payloads(moderateText);
const hostile = payloads(hostileText);

describe("sanitize → normalize → scrub → group, on arbitrary payloads", () => {
  it("never throws, stores nothing PostgreSQL refuses, and respects every cap", () => {
    fc.assert(
      fc.property(moderate.payload, (raw) => {
        const { normalized, prepared } = prepare(raw);
        checkCaps(normalized);
        checkCaps(prepared.event);
        expect(prepared.hashes.length).toBeGreaterThan(0);
        const json = JSON.stringify(prepared.event);
        expect(json.isWellFormed()).toBe(true);
        // JSON.stringify writes NUL and lone surrogates as escapes: none may be there.
        expect(/\\u0000|\\ud[89a-f][0-9a-f]{2}/i.test(json)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it("holds for payloads that are not event-shaped at all", () => {
    fc.assert(
      fc.property(moderate.freeForm, (raw) => {
        const { normalized, prepared } = prepare(raw);
        checkCaps(normalized);
        checkCaps(prepared.event);
      }),
      { numRuns: 100 },
    );
  });
});

describe("normalization alone, on payloads with huge strings", () => {
  it("cuts every string to its cap, with or without the job runner's sanitizing first", () => {
    fc.assert(
      fc.property(fc.oneof(hostile.payload, hostile.freeForm), (raw) => {
        checkCaps(normalizeEvent(sanitizeStrings(raw), context));
        checkCaps(normalizeEvent(raw, context), false);
      }),
      { numRuns: 100 },
    );
  });
});
