import { normalizeEvent } from "./normalize-event";
import { SHAPE_CAPS } from "./shape-caps";
import { truncateToCodePoints, truncateWithEllipsis } from "./truncate";
import type { NormalizedEvent } from "./types";

const context = { eventId: "0".repeat(32), receivedAt: Date.parse("2026-11-22T03:00:00Z") };
const normalize = (raw: Record<string, unknown>) => normalizeEvent(raw, context);
const EMOJI = "💥"; // two UTF-16 units

/** `text` padded with "a" so that an emoji's two halves sit on either side of `cut`. */
const emojiAcross = (cut: number, tail = 50) => "a".repeat(cut - 1) + EMOJI + "b".repeat(tail);

function errorNames(event: NormalizedEvent): (string | undefined)[] {
  return (event.errors ?? []).filter((error) => error.type === "value_too_long").map((error) => error.name);
}

function expectWellFormed(event: NormalizedEvent): void {
  const json = JSON.stringify(event);
  expect(json.isWellFormed()).toBe(true);
  // JSON.stringify escapes a lone surrogate as text; the parsed strings must hold none.
  expect(/\\ud[89a-f][0-9a-f]{2}/i.test(json)).toBe(false);
}

describe("truncateToCodePoints", () => {
  it("backs off one unit rather than split a surrogate pair", () => {
    expect(truncateToCodePoints(`ab${EMOJI}`, 3)).toBe("ab");
    expect(truncateToCodePoints(`ab${EMOJI}`, 4)).toBe(`ab${EMOJI}`);
    expect(truncateToCodePoints(`ab${EMOJI}c`, 4)).toBe(`ab${EMOJI}`);
    expect(truncateToCodePoints(EMOJI, 1)).toBe("");
    expect(truncateToCodePoints("abc", 0)).toBe("");
  });

  it("ends a shortened text with an ellipsis, within the limit", () => {
    expect(truncateWithEllipsis("abcdefgh", 6)).toBe("abc...");
    expect(truncateWithEllipsis(`abc${EMOJI}`, 7)).toBe(`abc${EMOJI}`);
    expect(truncateWithEllipsis(`ab${EMOJI}xyz`, 6)).toBe("ab...");
    expect(truncateWithEllipsis("abcdef", 2)).toBe("..");
  });
});

describe("truncation never cuts an emoji in half", () => {
  it("title (100) and metadata.value (1024)", () => {
    for (const cut of [97, 1024]) {
      const event = normalize({ exception: { values: [{ type: "Error", value: emojiAcross(cut) }] } });
      expectWellFormed(event);
      expect(event.title.startsWith("Error: a")).toBe(true);
      expect(event.metadata.value?.isWellFormed()).toBe(true);
    }
  });

  it("message title, message and logentry (8192)", () => {
    const max = SHAPE_CAPS.messageLength;
    const event = normalize({ message: emojiAcross(97, 20_000) });
    expectWellFormed(event);
    expect(event.message.length).toBeLessThanOrEqual(max);
    const logentry = normalize({ logentry: { message: "%s", params: [emojiAcross(max - 3)] } });
    expectWellFormed(logentry);
    expect(logentry.logentry?.formatted?.endsWith("...")).toBe(true);
  });

  it("exception values, tags, identifiers, frames, breadcrumbs and extra", () => {
    const event = normalize({
      exception: { values: [{ type: emojiAcross(253), value: emojiAcross(SHAPE_CAPS.exceptionValueLength - 3) }] },
      tags: { long: emojiAcross(197), other: emojiAcross(200) },
      release: emojiAcross(197),
      stacktrace: { frames: [{ function: emojiAcross(2045), context_line: emojiAcross(1021) }] },
      breadcrumbs: [{ message: emojiAcross(8189), category: emojiAcross(125) }],
      extra: { text: emojiAcross(8189, 10_000) },
      user: { name: emojiAcross(8189) },
    });
    expectWellFormed(event);
    for (const [, value] of event.tags) expect(value.length).toBeLessThanOrEqual(SHAPE_CAPS.tagValueLength);
    expect(event.release?.length).toBeLessThanOrEqual(SHAPE_CAPS.identifierLength);
  });
});

describe("shape caps", () => {
  it("keeps the first and the last exceptions, noting the original count", () => {
    const values = Array.from({ length: 40 }, (_, i) => ({ type: `E${i}`, value: `v${i}` }));
    const event = normalize({ exception: { values } });
    const types = event.exception?.values.map((value) => value.type);
    expect(types).toHaveLength(SHAPE_CAPS.exceptionValues);
    expect(types?.[0]).toBe("E0");
    expect(types?.at(-1)).toBe("E39");
    expect(event.title).toBe("E39: v39");
    expect(errorNames(event)).toContain("exception.values");
    expect(event._meta).toMatchObject({ exception: { values: { "": { len: 40 } } } });
  });

  it("keeps both ends of a deep stack and notes where", () => {
    const frames = Array.from({ length: 1000 }, (_, i) => ({ function: `f${i}`, lineno: i + 1 }));
    const event = normalize({ exception: { values: [{ type: "E", stacktrace: { frames } }] } });
    const kept = event.exception?.values[0]?.stacktrace?.frames ?? [];
    expect(kept).toHaveLength(SHAPE_CAPS.framesPerStacktrace);
    expect(kept[0]?.function).toBe("f0");
    expect(kept.at(-1)?.function).toBe("f999");
    expect(errorNames(event)).toContain("exception.values.0.stacktrace.frames");
    expect(event._meta).toMatchObject({
      exception: { values: { "0": { stacktrace: { frames: { "": { len: 1000 } } } } } },
    });
  });

  it("keeps the most recent breadcrumbs", () => {
    const crumbs = Array.from({ length: 250 }, (_, i) => ({ message: `crumb ${i}` }));
    const event = normalize({ message: "m", breadcrumbs: { values: crumbs } });
    const kept = event.breadcrumbs?.values ?? [];
    expect(kept).toHaveLength(SHAPE_CAPS.breadcrumbs);
    expect(kept[0]?.message).toBe("crumb 150");
    expect(kept.at(-1)?.message).toBe("crumb 249");
    expect(event._meta).toMatchObject({ breadcrumbs: { values: { "": { len: 250 } } } });
  });

  it("cuts long messages, exception values and breadcrumb messages with a note", () => {
    const huge = "x".repeat(1_000_000);
    const event = normalize({
      message: huge,
      exception: { values: [{ type: "T".repeat(1000), value: huge }] },
      breadcrumbs: [{ message: huge, category: "c".repeat(500) }],
    });
    expect(event.message.length).toBe(SHAPE_CAPS.messageLength);
    expect(event.message.endsWith("...")).toBe(true);
    const exception = event.exception?.values[0];
    expect(exception?.value).toHaveLength(SHAPE_CAPS.exceptionValueLength);
    expect(exception?.type).toHaveLength(SHAPE_CAPS.exceptionTypeLength);
    expect(event.breadcrumbs?.values[0]?.message).toHaveLength(SHAPE_CAPS.breadcrumbMessageLength);
    expect(event.breadcrumbs?.values[0]?.category).toHaveLength(SHAPE_CAPS.breadcrumbCategoryLength);
    expect(errorNames(event)).toEqual(
      expect.arrayContaining([
        "logentry.formatted",
        "exception.values.0.type",
        "exception.values.0.value",
        "breadcrumbs.values.0.message",
        "breadcrumbs.values.0.category",
      ]),
    );
    expect(event._meta).toMatchObject({ exception: { values: { "0": { value: { "": { len: 1_000_000 } } } } } });
  });

  it("drops tags with long keys, cuts long values, keeps at most SHAPE_CAPS.tags", () => {
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`t${i}`, `v${i}`]));
    const event = normalize({ message: "m", tags: { ["k".repeat(201)]: "dropped", long: "v".repeat(500), ...many } });
    const sdkTags = event.tags.filter(([key]) => key === "long" || key.startsWith("t"));
    expect(sdkTags).toHaveLength(SHAPE_CAPS.tags);
    expect(event.tags.find(([key]) => key === "long")?.[1]).toHaveLength(SHAPE_CAPS.tagValueLength);
    expect(event.tags.some(([key]) => key.startsWith("kkk"))).toBe(false);
    expect(errorNames(event)).toEqual(expect.arrayContaining(["tags", "tags.long"]));
    expect(event._meta).toMatchObject({ tags: { "": { len: 151 } } });
  });

  it("bounds the depth and size of extra, contexts, breadcrumb data, frame vars and request data", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 20; i++) deep = { [`level${i}`]: deep };
    const big = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`key${i}`, "v".repeat(50)]));
    const event = normalize({
      message: "m",
      extra: { deep, big, small: "ok" },
      contexts: { app: { deep } },
      breadcrumbs: [{ message: "b", data: big }],
      stacktrace: { frames: [{ function: "f", vars: big }] },
      request: { url: "https://example.com/", data: big },
    });
    const size = (value: unknown) => JSON.stringify(value).length;
    expect(size(event.extra?.big)).toBeLessThan(SHAPE_CAPS.extraValue.maxBytes + 200);
    expect(event.extra?.small).toBe("ok");
    expect(size(event.breadcrumbs?.values[0]?.data)).toBeLessThan(SHAPE_CAPS.breadcrumbData.maxBytes + 200);
    expect(size(event.stacktrace?.frames[0]?.vars)).toBeLessThan(SHAPE_CAPS.frameVars.maxBytes + 200);
    expect(size(event.request?.data)).toBeLessThan(SHAPE_CAPS.requestData.maxBytes + 200);
    // The deepest kept level holds the rest as JSON text, as Relay does.
    let node: unknown = event.extra?.deep;
    let depth = 0;
    while (typeof node === "object" && node !== null) {
      node = Object.values(node)[0];
      depth++;
    }
    expect(depth).toBe(SHAPE_CAPS.extraValue.maxDepth - 1);
    expect(typeof node === "string" && node.startsWith('{"level')).toBe(true);
    expect(errorNames(event)).toEqual(
      expect.arrayContaining([
        "extra.deep",
        "extra.big",
        "contexts.app",
        "breadcrumbs.values.0.data",
        "stacktrace.frames.0.vars",
        "request.data",
      ]),
    );
  });

  it("keeps the total of extra within its budget, noting the original count", () => {
    const extra = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, "x".repeat(10_000)]));
    const event = normalize({ message: "m", extra });
    expect(JSON.stringify(event.extra).length).toBeLessThan(SHAPE_CAPS.extra.maxBytes + 1000);
    expect(Object.keys(event.extra ?? {}).length).toBeLessThan(100);
    expect(event._meta).toMatchObject({ extra: { "": { len: 100 } } });
  });

  it("bounds context lines, request pairs and fingerprint parts", () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i}`);
    const event = normalize({
      message: "m",
      fingerprint: Array.from({ length: 80 }, (_, i) => `part${i}`),
      request: {
        url: "https://example.com/?" + Array.from({ length: 300 }, (_, i) => `q${i}=1`).join("&"),
        headers: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-h${i}`, "v"])),
      },
      stacktrace: {
        frames: [{ function: "f", pre_context: lines, post_context: lines, context_line: "y".repeat(5000) }],
      },
    });
    const frame = event.stacktrace?.frames[0];
    expect(frame?.pre_context).toEqual(lines.slice(-SHAPE_CAPS.contextLines));
    expect(frame?.post_context).toEqual(lines.slice(0, SHAPE_CAPS.contextLines));
    expect(frame?.context_line).toHaveLength(SHAPE_CAPS.contextLineLength);
    expect(event.fingerprint).toHaveLength(SHAPE_CAPS.fingerprintParts);
    expect(event.request?.headers).toHaveLength(SHAPE_CAPS.requestPairs);
    expect(event.request?.query_string).toHaveLength(SHAPE_CAPS.requestPairs);
  });

  it("cuts the user's identifying fields, which key the issue's users", () => {
    // Within the user bag's own size budget, so only the identifier cap applies.
    const long = "u".repeat(1500);
    const event = normalize({ user: { id: long, email: `${long}@example.com`, username: long, segment: "paid" } });
    for (const field of ["id", "email", "username"]) {
      expect(String(event.user?.[field]).length).toBeLessThanOrEqual(SHAPE_CAPS.identifierLength);
      expect(errorNames(event)).toContain(`user.${field}`);
    }
    expect(event.user?.segment).toBe("paid");
  });

  it("records at most SHAPE_CAPS.notes trims, and none for an event within every cap", () => {
    const crumbs = Array.from({ length: 100 }, () => ({ message: "m".repeat(10_000) }));
    expect(normalize({ message: "m", breadcrumbs: crumbs }).errors).toHaveLength(SHAPE_CAPS.notes);
    const fine = normalize({ message: "fine", extra: { a: 1 }, tags: { a: "b" } });
    expect(fine.errors).toBeUndefined();
    expect(fine._meta).toBeUndefined();
  });

  it("never writes through a `__proto__` key", () => {
    const raw = JSON.parse(
      `{"message":"m","extra":{"__proto__":{"polluted":"${"x".repeat(20_000)}"}},"tags":{"__proto__":"v"}}`,
    ) as Record<string, unknown>;
    const event = normalize(raw);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(event.extra)).toBe(Object.prototype);
    expect(Object.keys(event.extra ?? {})).toEqual(["__proto__"]);
  });
});
