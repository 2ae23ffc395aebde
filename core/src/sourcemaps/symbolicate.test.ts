import { TraceMap } from "@jridgewell/trace-mapping";
import { normalizeEvent } from "../event/normalize-event";
import { parseBundleManifest, InvalidBundleError } from "./bundle-manifest";
import { debugIdsByUrl, normalizeDebugId } from "./debug-ids";
import { scriptsToSymbolicate } from "./js-frames";
import { symbolicateEvent, type ScriptSource } from "./symbolicate";
import { artifactUrlCandidates, resolveArtifactUrl, sourceMappingUrlOf } from "./url-candidates";

// esbuild's output for: src/checkout.js (validateCart throws on line 5, checkoutCart calls it on line 11).
const SOURCE = [
  'import { formatPrice } from "./format.js";',
  "",
  "export function validateCart(cart) {",
  "  if (cart.items.length === 0) {",
  '    throw new Error("cart is empty: " + formatPrice(cart.total));',
  "  }",
  "  return cart;",
  "}",
  "",
  "export function checkoutCart(cart) {",
  "  const valid = validateCart(cart);",
  "  return valid.items.length;",
  "}",
].join("\n");
// Generated line 1: `function e(t){if(t.items.length===0)throw new Error("x");return t}function o(t){return e(t).items.length}`
// col 37 → checkout.js 5:4 (throw), col 77 → 11:16 named validateCart (the call `e(t)`).
const MAP = new TraceMap({
  version: 3,
  sources: ["../src/checkout.js"],
  sourcesContent: [SOURCE],
  names: ["validateCart"],
  // Segments: [generated column, source, original line (0-based), original column, name].
  mappings: [
    [
      [36, 0, 4, 4],
      [76, 0, 10, 16, 0],
    ],
  ],
});

const URL = "https://shop.example.com/dist/app.min.js";

function event(frames: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return normalizeEvent(
    {
      platform: "javascript",
      release: "shop@1",
      exception: { values: [{ type: "Error", value: "cart is empty", stacktrace: { frames } }] },
      ...extra,
    },
    { eventId: "a".repeat(32), receivedAt: Date.now() },
  );
}

const mapSource: ScriptSource = { kind: "map", map: MAP, mapUrl: "~/dist/app.min.js.map", resolvedWith: "release" };

describe("symbolicateEvent", () => {
  it("maps frames to the original file, line and function, with source context, keeping the raw frames", () => {
    const input = event([
      { abs_path: URL, lineno: 1, colno: 78, function: "o" },
      { abs_path: URL, lineno: 1, colno: 38, function: "e" },
    ]);
    const out = symbolicateEvent(input, new Map([[URL, mapSource]]));
    const frames = out.exception!.values[0]!.stacktrace!.frames;
    expect(frames[1]).toMatchObject({
      abs_path: "https://shop.example.com/src/checkout.js",
      filename: "/src/checkout.js",
      lineno: 5,
      colno: 5,
      function: "validateCart",
      in_app: true,
      context_line: '    throw new Error("cart is empty: " + formatPrice(cart.total));',
      data: { sourcemap: "~/dist/app.min.js.map", resolved_with: "release", symbolicated: true },
    });
    expect(frames[1]!.pre_context).toHaveLength(4);
    expect(frames[1]!.post_context).toEqual(["  }", "  return cart;", "}", "", "export function checkoutCart(cart) {"]);
    // The outermost frame has no mapped caller: its own (minified) name stays.
    expect(frames[0]).toMatchObject({ lineno: 11, function: "o" });
    expect(out.exception!.values[0]!.raw_stacktrace).toEqual(input.exception!.values[0]!.stacktrace);
    expect(out.culprit).toBe("validateCart(/src/checkout.js)");
    expect(out.errors).toBeUndefined();
  });

  it("marks frames from node_modules as not in-app", () => {
    const map = new TraceMap({
      version: 3,
      sources: ["webpack://app/./node_modules/lib/index.js"],
      names: [],
      mappings: "AAAA",
    });
    const out = symbolicateEvent(
      event([{ abs_path: URL, lineno: 1, colno: 1 }]),
      new Map([[URL, { ...mapSource, map }]]),
    );
    expect(out.exception!.values[0]!.stacktrace!.frames[0]).toMatchObject({
      filename: "node_modules/lib/index.js",
      in_app: false,
    });
    expect(out.errors).toEqual([
      { type: "js_missing_sources_content", url: "webpack://app/node_modules/lib/index.js" },
    ]);
  });

  it("leaves frames as they are and notes the error once per URL when the map is unusable", () => {
    const input = event([
      { abs_path: URL, lineno: 1, colno: 78 },
      { abs_path: URL, lineno: 1, colno: 38 },
    ]);
    const broken: ScriptSource = { kind: "error", error: { type: "js_invalid_source", url: "~/dist/app.min.js.map" } };
    const out = symbolicateEvent(input, new Map([[URL, broken]]));
    expect(out.exception).toEqual(input.exception);
    expect(out.errors).toEqual([{ type: "js_invalid_source", url: "~/dist/app.min.js.map" }]);
  });

  it("skips frames without a column or of other platforms", () => {
    const input = event([
      { abs_path: URL, lineno: 1 },
      { abs_path: URL, lineno: 1, colno: 38, platform: "python" },
    ]);
    expect(symbolicateEvent(input, new Map([[URL, mapSource]])).exception).toEqual(input.exception);
  });
});

describe("scriptsToSymbolicate", () => {
  it("needs a release or debug ids", () => {
    expect(scriptsToSymbolicate(event([{ abs_path: URL, lineno: 1, colno: 2 }])).urls).toEqual([URL]);
    expect(scriptsToSymbolicate(event([{ abs_path: URL, lineno: 1, colno: 2 }], { release: undefined })).urls).toEqual(
      [],
    );
    const withDebugId = event([{ abs_path: URL, lineno: 1, colno: 2 }], {
      release: undefined,
      debug_meta: { images: [{ type: "sourcemap", code_file: URL, debug_id: "D7F43D6E87D55D47B3B3137404826923" }] },
    });
    expect(scriptsToSymbolicate(withDebugId).urls).toEqual([URL]);
    expect(debugIdsByUrl(withDebugId).get(URL)).toBe("d7f43d6e-87d5-5d47-b3b3-137404826923");
  });

  it("ignores events of other platforms", () => {
    expect(scriptsToSymbolicate(event([{ abs_path: URL, lineno: 1, colno: 2 }], { platform: "python" })).urls).toEqual(
      [],
    );
  });
});

describe("artifact URLs", () => {
  it("candidates: the full URL, without query, then the ~/ path", () => {
    expect(artifactUrlCandidates("https://cdn.example.com/static/app.js?v=3#x")).toEqual([
      "https://cdn.example.com/static/app.js?v=3",
      "https://cdn.example.com/static/app.js",
      "~/static/app.js?v=3",
      "~/static/app.js",
    ]);
    expect(artifactUrlCandidates("app:///main.js")).toEqual(["app:///main.js", "~/main.js"]);
  });

  it("resolves map references against the file, also for ~/ names", () => {
    expect(resolveArtifactUrl("app.min.js.map", "~/dist/app.min.js")).toBe("~/dist/app.min.js.map");
    expect(resolveArtifactUrl("../maps/a.map", "https://x.io/js/a.js")).toBe("https://x.io/maps/a.map");
    expect(resolveArtifactUrl("https://y.io/a.map", "~/a.js")).toBe("https://y.io/a.map");
  });

  it("finds the last sourceMappingURL comment", () => {
    expect(sourceMappingUrlOf("x()\n//# sourceMappingURL=app.js.map\n")).toBe("app.js.map");
    expect(sourceMappingUrlOf("x()")).toBeUndefined();
  });
});

describe("bundle manifests and debug ids", () => {
  it("reads sentry-cli's manifest", () => {
    const manifest = parseBundleManifest(
      JSON.stringify({
        files: {
          "_/_/app.min.js": {
            url: "~/app.min.js",
            type: "minified_source",
            headers: { "debug-id": "D7F43D6E-87D5-5D47-B3B3-137404826923", Sourcemap: "app.min.js.map" },
          },
        },
        debug_id: "b1f0e3c2-0000-4000-8000-000000000000",
        release: "shop@1",
      }),
    );
    expect(manifest).toMatchObject({ release: "shop@1", dist: undefined });
    expect(manifest.files).toEqual([
      {
        zipPath: "_/_/app.min.js",
        url: "~/app.min.js",
        fileType: "minified_source",
        debugId: "d7f43d6e-87d5-5d47-b3b3-137404826923",
        sourceMap: "app.min.js.map",
      },
    ]);
  });

  it("refuses what is not a manifest", () => {
    expect(() => parseBundleManifest("{")).toThrow(InvalidBundleError);
    expect(() => parseBundleManifest('{"files": {"a": {"type": "x"}}}')).toThrow(/files.a.url/);
  });

  it("normalizes debug ids and refuses others", () => {
    expect(normalizeDebugId("d7f43d6e87d55d47b3b3137404826923")).toBe("d7f43d6e-87d5-5d47-b3b3-137404826923");
    expect(normalizeDebugId("not-a-debug-id")).toBeUndefined();
  });
});
