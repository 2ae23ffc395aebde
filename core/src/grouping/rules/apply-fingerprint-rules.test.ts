import { errorEvent, eventFrom } from "../../__fixtures__/event-factory";
import { computeGrouping } from "../fingerprint";
import { applyFingerprintRules } from "./apply-fingerprint-rules";
import { parseFingerprintRules } from "./parse-fingerprint-rules";

function rules(text: string) {
  const parsed = parseFingerprintRules(text);
  expect(parsed.errors).toEqual([]);
  return parsed.rules;
}

const chunkError = errorEvent({
  platform: "javascript",
  type: "ChunkLoadError",
  value: "Loading chunk 42 failed (timeout: https://cdn.test/42.js)",
  frames: [
    {
      function: "handleRoute",
      module: "router",
      abs_path: "webpack:///./src/app/router.ts",
      filename: "./src/app/router.ts",
    },
  ],
  extra: { tags: { browser: "Chrome 120" }, logger: "webpack", level: "warning" },
});

describe("applyFingerprintRules: one matcher at a time", () => {
  it.each([
    ["error.type:ChunkLoadError", "error.type:ChunkLoad"],
    ["error.type:Chunk*", "error.type:chunkloaderror"],
    ['error.value:"*timeout*"', 'error.value:"*deadline*"'],
    ['error.value:"LOADING CHUNK ?? FAILED*"', 'error.value:"chunk"'],
    ['message:"*chunk 42*"', 'message:"*chunk 43*"'],
    ["logger:webpack", "logger:web"],
    ["level:warning", "level:error"],
    ['tags.browser:"Chrome *"', "tags.browser:Firefox*"],
    ["stack.function:handle*", "stack.function:render*"],
    ["stack.module:router", "stack.module:route"],
    ["stack.abs_path:**/app/*.ts", "stack.abs_path:*/router.ts"],
  ])("%s matches, %s does not", (hit, miss) => {
    expect(applyFingerprintRules(chunkError, rules(`${hit} -> yes`))).toEqual(["yes"]);
    expect(applyFingerprintRules(chunkError, rules(`${miss} -> yes`))).toBeUndefined();
  });

  it("matches a message event's formatted text", () => {
    const event = eventFrom({ logentry: { message: "disk %s full", params: ["/var"] } });
    expect(applyFingerprintRules(event, rules('message:"disk /var full" -> disk'))).toEqual(["disk"]);
    expect(applyFingerprintRules(event, rules("error.type:* -> any-error"))).toBeUndefined();
  });

  it("needs a tag to exist", () => {
    expect(applyFingerprintRules(chunkError, rules("tags.missing:* -> x"))).toBeUndefined();
  });
});

describe("applyFingerprintRules: combining", () => {
  it("requires every matcher on a line", () => {
    expect(applyFingerprintRules(chunkError, rules("error.type:ChunkLoadError level:error -> x"))).toBeUndefined();
    expect(applyFingerprintRules(chunkError, rules("error.type:ChunkLoadError level:warning -> x"))).toEqual(["x"]);
  });

  it("uses the first matching rule", () => {
    expect(applyFingerprintRules(chunkError, rules("level:fatal -> a\nlevel:warning -> b\nlogger:* -> c"))).toEqual([
      "b",
    ]);
  });

  it("negates with !", () => {
    expect(applyFingerprintRules(chunkError, rules("!level:error -> not-error"))).toEqual(["not-error"]);
    expect(applyFingerprintRules(chunkError, rules("!level:warning -> x"))).toBeUndefined();
  });
});

describe("fingerprint rules in grouping", () => {
  const timeout = (value: string, fn: string) =>
    errorEvent({ value, frames: [{ module: "app", function: fn, in_app: true }] });

  it("a matching rule replaces the SDK fingerprint", () => {
    const withClientFingerprint = eventFrom({ message: "x", fingerprint: ["client"] });
    const ruled = computeGrouping(withClientFingerprint, undefined, { fingerprintRules: rules("message:x -> server") });
    expect(ruled.hashes).toEqual(computeGrouping(withClientFingerprint, ["server"]).hashes);
    expect(ruled.rule?.line).toBe(1);
  });

  it("a rule without {{ default }} merges different code paths", () => {
    const fingerprintRules = rules('error.value:"*timeout*" -> timeout');
    const a = computeGrouping(timeout("read timeout", "fetchUser"), undefined, { fingerprintRules });
    const b = computeGrouping(timeout("write timeout", "saveOrder"), undefined, { fingerprintRules });
    expect(a.hashes).toEqual(b.hashes);
  });

  it("a rule with {{ default }} keeps the default split and separates from un-ruled events", () => {
    const fingerprintRules = rules('error.value:"*timeout*" -> timeout, {{ default }}');
    const a = computeGrouping(timeout("read timeout", "fetchUser"), undefined, { fingerprintRules });
    const b = computeGrouping(timeout("read timeout", "saveOrder"), undefined, { fingerprintRules });
    const plain = computeGrouping(timeout("read timeout", "fetchUser"));
    expect(a.hashes).not.toEqual(b.hashes);
    expect(a.hashes).not.toEqual(plain.hashes);
  });

  it("events no rule matches group as before", () => {
    const event = timeout("boom", "f");
    expect(computeGrouping(event, undefined, { fingerprintRules: rules("level:fatal -> x") }).hashes).toEqual(
      computeGrouping(event).hashes,
    );
  });
});
