import fc from "fast-check";
import { normalizeEvent } from "../event/normalize-event";
import { sanitizeStrings } from "../event/sanitize-strings";
import { SHAPE_CAPS } from "../event/shape-caps";
import type { NormalizedEvent } from "../event/types";
import { prepareNormalizedEvent } from "./prepare-event";

/**
 * Whatever an SDK (or an attacker) sends, the pipeline's pure part — sanitize at the job edge,
 * normalize, scrub, group — must not throw, must leave nothing PostgreSQL refuses, and must
 * respect every SHAPE_CAPS limit. Sizes stay moderate so the runs take a few seconds.
 */

const context = { eventId: "0".repeat(32), receivedAt: Date.parse("2026-11-22T03:00:00Z"), clientIp: "198.51.100.1" };

/** Units that break storage or truncation: NUL, lone halves, a pair, plus ordinary text. */
const hostileUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff") },
  { weight: 2, arbitrary: fc.constantFrom("💥", "日", "é", "\n", " ", "@", ".", "%s", "{x}") },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
);
const shortText = fc.string({ unit: hostileUnit, maxLength: 24 });

/** A long text whose emoji straddles one of the caps' cut points. */
const boundaryText = fc
  .tuple(
    fc.constantFrom(97, 100, 128, 197, 200, 253, 256, 1021, 1024, 2045, 2048, 8189, 8192),
    fc.integer({ min: -2, max: 2 }),
    fc.nat({ max: 40 }),
  )
  .map(([cut, shift, tail]) => `${"a".repeat(Math.max(0, cut + shift - 1))}💥${"b".repeat(tail)}`);

/** Long runs of one unit; bounded so a pattern that is not yet linear still finishes quickly. */
const hugeText = fc
  .tuple(hostileUnit, fc.integer({ min: 8_200, max: 20_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

/**
 * Strings for the whole pipeline. Kept to a few thousand units: the grouping and scrubbing
 * patterns see strings up to SHAPE_CAPS.stringLength, and while some of them still take
 * quadratic time, 8 KB strings in every field would make each run take seconds.
 */
const moderateText = fc.oneof(
  { weight: 8, arbitrary: shortText },
  { weight: 2, arbitrary: boundaryText.filter((text) => text.length < 3000) },
);
const text = fc.oneof(
  { weight: 8, arbitrary: shortText },
  { weight: 2, arbitrary: boundaryText },
  { weight: 1, arbitrary: hugeText },
);

/**
 * A few rich items, or more than a cap's worth of plain ones: generating hundreds of rich items
 * would make every run slow without exercising anything more.
 */
function fewOrMany<T>(rich: fc.Arbitrary<T>, plain: fc.Arbitrary<T>, cap: number): fc.Arbitrary<T[]> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(rich, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(plain, { minLength: cap - 2, maxLength: cap + 30 }) },
  );
}
/** Event-shaped payloads, and free-form ones, whose every string comes from `text`. */
function payloads(text: fc.Arbitrary<string>) {
  const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      text,
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 5 }),
      fc.dictionary(text, tie("value"), { maxKeys: 5 }),
    ),
  })).value;

  /** `{a: {a: ... "bottom"}}`, nested up to the depth ingest lets through. */
  const deepValue = fc.tuple(fc.integer({ min: 1, max: 100 }), text).map(([depth, leaf]) => {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { [`k${i}`]: value } : [value];
    return value;
  });

  const bagValue = fc.oneof(anyValue, deepValue);

  const bag = fc.dictionary(text, bagValue, { maxKeys: 6 });

  const frame = fc.record(
    {
      function: text,
      filename: text,
      abs_path: text,
      module: text,
      lineno: fc.oneof(fc.integer(), text),
      context_line: text,
      pre_context: fc.array(text, { maxLength: 14 }),
      post_context: fc.array(text, { maxLength: 14 }),
      in_app: fc.boolean(),
      vars: fc.oneof(bag, fc.array(bagValue, { maxLength: 4 })),
    },
    { requiredKeys: [] },
  );
  const plainFrame = fc.record({ function: fc.string({ maxLength: 8 }), lineno: fc.nat() });
  const stacktrace = fc.record(
    { frames: fewOrMany<unknown>(frame, plainFrame, SHAPE_CAPS.framesPerStacktrace) },
    { requiredKeys: [] },
  );

  const exception = fc.record(
    {
      type: text,
      value: fc.oneof(text, anyValue),
      module: text,
      mechanism: fc.oneof(bag, fc.record({ type: text, handled: fc.boolean(), data: bag })),
      stacktrace,
      thread_id: fc.oneof(text, fc.integer()),
    },
    { requiredKeys: [] },
  );

  const payload: fc.Arbitrary<Record<string, unknown>> = fc
    .tuple(
      fc.record(
        {
          message: fc.oneof(text, anyValue),
          logentry: fc.record(
            { message: text, params: fc.oneof(fc.array(anyValue, { maxLength: 4 }), bag) },
            { requiredKeys: [] },
          ),
          exception: fc.oneof(
            fc.record({
              values: fewOrMany<unknown>(exception, fc.record({ type: shortText }), SHAPE_CAPS.exceptionValues),
            }),
            fc.array(exception, { maxLength: 3 }),
            exception,
          ),
          stacktrace,
          threads: fc.record({
            values: fc.array(fc.record({ id: text, name: text, crashed: fc.boolean(), stacktrace }), { maxLength: 3 }),
          }),
          breadcrumbs: fewOrMany<unknown>(
            fc.record({ message: text, category: text, type: text, level: text, data: bag }, { requiredKeys: [] }),
            fc.record({ message: shortText }),
            SHAPE_CAPS.breadcrumbs,
          ),
          tags: fc.oneof(
            fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean()), { maxKeys: 6 }),
            fc.dictionary(fc.stringMatching(/^[a-z]{1,12}$/), shortText, { minKeys: 90, maxKeys: 130 }),
            fc.array(fc.tuple(text, text), { maxLength: 10 }),
          ),
          extra: bag,
          contexts: fc.dictionary(text, fc.oneof(bag, fc.record({ name: text, version: text })), { maxKeys: 4 }),
          request: fc.record(
            {
              url: text,
              method: text,
              data: bagValue,
              headers: fc.oneof(
                fc.dictionary(text, text, { maxKeys: 6 }),
                fc.array(fc.tuple(text, text), { maxLength: 6 }),
              ),
              cookies: fc.oneof(text, fc.dictionary(text, text, { maxKeys: 4 })),
              query_string: fc.oneof(text, fc.dictionary(text, text, { maxKeys: 4 })),
              env: bag,
            },
            { requiredKeys: [] },
          ),
          user: fc.record(
            {
              id: fc.oneof(text, fc.integer()),
              email: text,
              ip_address: fc.constantFrom("{{auto}}", "10.0.0.1"),
              data: bag,
            },
            { requiredKeys: [] },
          ),
          fingerprint: fewOrMany<unknown>(fc.oneof(text, fc.integer()), shortText, SHAPE_CAPS.fingerprintParts),
          release: text,
          environment: text,
          transaction: text,
          culprit: text,
          server_name: text,
          logger: text,
          platform: fc.oneof(text, fc.constantFrom("javascript", "python", "node", "java", "native")),
          level: text,
          timestamp: fc.oneof(text, fc.double()),
          sdk: bag,
          modules: bag,
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(text, bagValue, { maxKeys: 3 }),
    )
    .map(([event, unknownFields]) => ({ ...unknownFields, ...event }));
  return { payload, freeForm: fc.dictionary(text, bagValue, { maxKeys: 8 }) };
}

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
function checkCaps(event: NormalizedEvent): void {
  const violations: string[] = [];
  const within = (what: string, actual: number, max: number) => {
    if (!(actual <= max)) violations.push(`${what}: ${actual} > ${max}`);
  };
  const { strings, keys, depth } = walk(event);
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
  const normalized = normalizeEvent(sanitizeStrings(raw), context);
  return { normalized, prepared: prepareNormalizedEvent(normalized) };
}

const moderate = payloads(moderateText);
const hostile = payloads(text);

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
        checkCaps(normalizeEvent(raw, context));
      }),
      { numRuns: 100 },
    );
  });
});
