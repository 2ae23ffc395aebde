import type { StackFrame } from "../event/types";
import { withoutArguments, withoutTemplateArguments } from "./native-function-name";

const JS_FAMILY = new Set(["javascript", "node"]);
const CONTEXT_LINE_PLATFORMS = new Set(["javascript", "node", "python", "php", "ruby"]);
const URL_PATH = /^(https?|blob|applewebdata):/i;
const ANONYMOUS_JS = new Set(["?", "<anonymous function>", "<anonymous>", "Anonymous function", ""]);
/** Frames Sentry's built-in rules remove from grouping (`-group`): runtime plumbing. */
const UNGROUPED_JS_FUNCTIONS = new Set([
  "runMicrotasks",
  "queueMicrotask",
  "processTicksAndRejections",
  "runNextTicks",
  "nextTick",
]);
const UNGROUPED_MODULES = /^(@babel\/|core-js\/|regenerator-runtime\/|tslib\/|io\.sentry\.)/;

export interface FrameOptions {
  /** The newest frame of the stack: the line that actually raised. */
  isCrashFrame?: boolean;
}

/**
 * The values a frame contributes to its group (sentry-protocol.md §7.3), or null when the frame
 * is ignored. Line and column numbers never contribute: moving code must not split issues.
 */
export function frameComponent(frame: StackFrame, eventPlatform: string, options: FrameOptions = {}): string[] | null {
  const platform = frame.platform ?? eventPlatform;
  const isJs = JS_FAMILY.has(platform);
  const values: string[] = [];

  const module = cleanModule(frame, isJs);
  if (module && UNGROUPED_MODULES.test(module)) return null;
  if (module) values.push(module);

  const filename = basename(frame.filename ?? frame.abs_path);
  const fromUrl = URL_PATH.test(frame.abs_path ?? frame.filename ?? "");
  if (!module && filename && !fromUrl && filename !== "<anonymous>" && filename !== "[native code]") {
    values.push(filename.toLowerCase());
  }

  const fn = cleanFunction(
    frame.raw_function && platform === "csharp" ? frame.raw_function : (frame.function ?? frame.raw_function),
    platform,
  );
  if (isJs) {
    const absPath = frame.abs_path ?? "";
    if (fn === "eval" || ["[native code]", "native code", "eval code", "<anonymous>"].includes(absPath)) return null;
    if (fn && UNGROUPED_JS_FUNCTIONS.has(fn)) return null;
  }
  // Deliberate deviation from Sentry: an anonymous caller frame (ESM top-level code, inline
  // callbacks) contributes its source line only where the error was raised. Otherwise
  // `charge(10)` and `charge(99)` on two lines split one bug into two issues.
  const contextLine = fn || options.isCrashFrame ? contextComponent(frame, platform, isJs, fn) : undefined;
  const sourceMapped =
    frame.data !== undefined && typeof frame.data === "object" && frame.data !== null && "sourcemap" in frame.data;
  if (fn && !(isJs && sourceMapped && contextLine)) values.push(fn);
  if (contextLine) values.push(contextLine);
  return values.length > 0 ? values : null;
}

function cleanModule(frame: StackFrame, isJs: boolean): string | undefined {
  const module = frame.module;
  if (!module) return undefined;
  if (module.includes("$$Lambda$")) return undefined;
  if (isJs && module.includes("/") && (frame.abs_path ?? "").endsWith(module)) return undefined;
  // Every pattern below needs a "$" or a generated reflection accessor: most modules have neither.
  if (!module.includes("$") && !module.includes("reflect.Generated")) return module;
  return module
    .replace(/((?:sun|jdk\.internal)\.reflect\.Generated(?:Serialization)?(?:Method|Constructor)Accessor)\d+/g, "$1")
    .replace(/\$\$(?:EnhancerBy|FastClassBy)[a-zA-Z]*\$\$[0-9a-f]+/g, "$$$$<auto>")
    .replace(/\$\$_javassist(?:_seam)?_\d+/g, "$$$$_javassist<auto>")
    .replace(/\$fn__\d+/g, "$$fn__<auto>")
    .replace(/\$HibernateProxy\$\w+/g, "$$HibernateProxy$$<auto>");
}

function basename(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return path.slice(slash + 1) || undefined;
}

function cleanFunction(raw: string | undefined, platform: string): string | undefined {
  if (!raw) return undefined;
  let fn = raw;
  switch (platform) {
    case "javascript":
    case "node": {
      if (ANONYMOUS_JS.has(fn) || fn.endsWith("/<")) return undefined;
      fn = fn.slice(fn.lastIndexOf(".") + 1);
      return fn === "" ? undefined : fn;
    }
    case "ruby":
      return fn.replace(/^block (?:\(\d+ levels\) )?in .*$/, "block").replace(/__\d{4,}_\d{4,}$/, "");
    case "php":
      if (fn.startsWith("[Anonymous") || fn.startsWith("class@anonymous\0")) return undefined;
      return fn.replace(/^class@anonymous.*::/, "");
    case "java":
      return fn.startsWith("lambda$") ? undefined : fn;
    case "native":
    case "cocoa":
    case "objc":
    case "swift":
    case "c":
      if (fn === "<redacted>" || fn === "<unknown>") return undefined;
      return withoutTemplateArguments(withoutArguments(fn)).trim().split(" ").pop();
    default:
      return fn;
  }
}

function contextComponent(
  frame: StackFrame,
  platform: string,
  isJs: boolean,
  fn: string | undefined,
): string | undefined {
  const line = frame.context_line;
  if (!line || !CONTEXT_LINE_PLATFORMS.has(platform) || line.length > 120) return undefined;
  if (isJs && !fn && /^(https?|blob|applewebdata|file):/i.test(frame.abs_path ?? "")) return undefined;
  const collapsed = line.trim().replace(/\s+/g, " ");
  return collapsed === "" ? undefined : collapsed;
}
