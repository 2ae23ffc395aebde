import fc from "fast-check";
import { SHAPE_CAPS } from "../event/shape-caps";

/**
 * Arbitrary payloads as an SDK or an attacker could send them: NUL, lone surrogates, emoji on
 * every cap's cut point, huge runs of one character, deep nesting, more items than any cap.
 * For property tests of the pure pipeline and of storage.
 */

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
 * Strings for the whole pipeline. Kept to a few thousand units so a run takes milliseconds:
 * every pattern is linear, but 8 KB strings in every field would still make each run slow.
 */
export const moderateText = fc.oneof(
  { weight: 8, arbitrary: shortText },
  { weight: 2, arbitrary: boundaryText.filter((text) => text.length < 3000) },
);
export const hostileText = fc.oneof(
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
export function payloads(text: fc.Arbitrary<string>) {
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
