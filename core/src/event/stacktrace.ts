import { asNumber, asRecord, asString, isRecord } from "./coerce";
import type { ExceptionValue, JsonRecord, StackFrame, Stacktrace } from "./types";

const MAX_FRAMES = 250;
const JS_PLATFORMS = new Set(["javascript", "node", "cocoa-js"]);

export function isJavaScriptPlatform(platform: string | undefined): boolean {
  return platform !== undefined && JS_PLATFORMS.has(platform);
}

/**
 * Frames are stored oldest first (the crashing frame last), as SDKs send them and Sentry keeps
 * them. Very deep stacks keep both ends, like Sentry's frame trimming.
 */
export function normalizeStacktrace(raw: unknown, platform: string): Stacktrace | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.frames)) return undefined;
  let frames = raw.frames.filter(isRecord).map((frame) => normalizeFrame(frame, platform));
  if (frames.length > MAX_FRAMES) {
    const half = MAX_FRAMES / 2;
    frames = [...frames.slice(0, half), ...frames.slice(frames.length - half)];
  }
  if (frames.length === 0) return undefined;
  const out: Stacktrace = { frames };
  const registers = asRecord(raw.registers);
  if (registers) out.registers = registers;
  return out;
}

const STRING_FIELDS = [
  "filename",
  "abs_path",
  "module",
  "function",
  "raw_function",
  "package",
  "platform",
  "context_line",
  "instruction_addr",
  "symbol",
] as const;

function normalizeFrame(raw: Record<string, unknown>, eventPlatform: string): StackFrame {
  const frame: StackFrame = {};
  const filename = nonEmptyString(raw.filename);
  const absPath = nonEmptyString(raw.abs_path);
  // Relay's path fix-ups (§6.4): `abs_path` falls back to `filename`; a missing `filename` is
  // derived from `abs_path`. A fixed-up field goes last, after everything else the frame has.
  // Decided before the frame is built: deleting a property would turn every frame into a
  // slow dictionary-mode object for the rest of the pipeline.
  const movedToAbsPath = absPath === undefined && filename !== undefined;
  const derivedFilename = filename === undefined || movedToAbsPath;
  for (const field of STRING_FIELDS) {
    if (field === "filename" && derivedFilename) continue;
    if (field === "abs_path" && movedToAbsPath) continue;
    const value = field === "filename" ? filename : field === "abs_path" ? absPath : nonEmptyString(raw[field]);
    if (value !== undefined) frame[field] = value;
  }
  const lineno = asNumber(raw.lineno);
  if (lineno !== undefined) frame.lineno = lineno;
  const colno = asNumber(raw.colno);
  if (colno !== undefined) frame.colno = colno;
  for (const field of ["pre_context", "post_context"] as const) {
    const lines = raw[field];
    if (Array.isArray(lines)) frame[field] = lines.map((line) => asString(line) ?? "");
  }
  if (typeof raw.in_app === "boolean") frame.in_app = raw.in_app;
  // Some SDKs send positional locals as a list; Sentry keys them "0", "1", ...
  const vars = Array.isArray(raw.vars) ? asRecord({ ...raw.vars }) : asRecord(raw.vars);
  if (vars) frame.vars = vars;

  if (movedToAbsPath) frame.abs_path = filename;
  const fixedAbsPath = movedToAbsPath ? filename : absPath;
  if (derivedFilename && fixedAbsPath !== undefined) frame.filename = filenameFromAbsPath(fixedAbsPath);
  const platform = frame.platform ?? eventPlatform;
  if (platform === "python" && isPythonStdlib(frame.abs_path)) {
    // Python SDKs before 2.0 marked the standard library in-app; it is never the user's code,
    // and counting it as such splits one app error into one issue per stdlib raise site.
    frame.in_app = false;
  } else if (frame.in_app === undefined && isLibraryPath(frame.abs_path ?? frame.filename)) {
    frame.in_app = false;
  }
  return frame;
}

function nonEmptyString(value: unknown): string | undefined {
  const text = asString(value, 2048);
  return text === "" ? undefined : text;
}

/** Keeps only the path of an http(s) URL: browser SDKs send the script URL, Sentry shows `/static/app.js`. */
function filenameFromAbsPath(absPath: string): string {
  const match = /^https?:\/\/[^/]*(\/[^?#]*)?/i.exec(absPath);
  const path = match?.[1];
  return match ? (path && path !== "/" ? path : absPath) : absPath;
}

const LIBRARY_PATH = /(^|[/\\])(node_modules|site-packages|dist-packages|vendor[/\\]bundle)[/\\]|^node:|^internal[/\\]/;
const PYTHON_STDLIB = /[/\\]lib[/\\]python\d[\d.]*[/\\]/i;

function isLibraryPath(path: string | undefined): boolean {
  return path !== undefined && LIBRARY_PATH.test(path);
}

function isPythonStdlib(path: string | undefined): boolean {
  return path !== undefined && PYTHON_STDLIB.test(path);
}

/** `exception` may be `{values: [...]}`, a bare list, or a single exception object. */
export function normalizeExceptions(raw: unknown, platform: string): ExceptionValue[] {
  let list: unknown[] = [];
  if (Array.isArray(raw)) list = raw;
  else if (isRecord(raw) && Array.isArray(raw.values)) list = raw.values;
  else if (isRecord(raw) && (raw.type !== undefined || raw.value !== undefined)) list = [raw];
  // Relay drops exceptions that have neither a type nor a value.
  return list
    .filter(isRecord)
    .map((item) => normalizeException(item, platform))
    .filter((exception) => exception.type !== undefined || exception.value !== undefined);
}

function normalizeException(raw: Record<string, unknown>, platform: string): ExceptionValue {
  const out: ExceptionValue = {};
  const type = asString(raw.type, 256);
  if (type) out.type = type;
  const value =
    typeof raw.value === "string" || raw.value === undefined || raw.value === null
      ? asString(raw.value)
      : JSON.stringify(raw.value);
  if (value) out.value = value;
  const module = asString(raw.module, 256);
  if (module) out.module = module;
  const mechanism = normalizeMechanism(raw.mechanism);
  if (mechanism) out.mechanism = mechanism;
  if (raw.thread_id !== undefined) out.thread_id = asString(raw.thread_id) ?? null;
  const stacktrace = normalizeStacktrace(raw.stacktrace ?? raw["sentry.interfaces.Stacktrace"], platform);
  if (stacktrace) out.stacktrace = stacktrace;
  const rawStacktrace = normalizeStacktrace(raw.raw_stacktrace, platform);
  if (rawStacktrace) out.raw_stacktrace = rawStacktrace;
  // Python's "ValueError: msg" sent as the value with no type: split like Sentry does.
  if (!out.type && out.value) {
    const split = /^(\w[\w.]*): (.*)$/s.exec(out.value);
    if (split?.[1] && split[2] !== undefined) {
      out.type = split[1];
      out.value = split[2];
    }
  }
  return out;
}

/** Old Cocoa/native SDKs sent a typeless mechanism with `posix_signal` / `mach_exception` on top. */
function normalizeMechanism(raw: unknown): JsonRecord | undefined {
  const mechanism = asRecord(raw);
  if (!mechanism || typeof mechanism.type === "string") return mechanism;
  const { posix_signal: signal, mach_exception: mach, ...rest } = mechanism;
  const meta = asRecord(rest.meta) ?? {};
  if (isRecord(signal)) meta.signal = signal;
  if (isRecord(mach)) {
    const { exception_name: name, ...machRest } = mach;
    meta.mach_exception = name === undefined ? machRest : { ...machRest, name };
  }
  return { ...rest, type: "generic", ...(Object.keys(meta).length > 0 ? { meta } : {}) };
}

export function normalizeThreads(raw: unknown, platform: string): { values: JsonRecord[] } | undefined {
  const list = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.values) ? raw.values : [];
  const values = list.filter(isRecord).map((thread) => {
    const out = asRecord({ ...thread, stacktrace: undefined }) ?? {};
    const stacktrace = normalizeStacktrace(thread.stacktrace, platform);
    if (stacktrace) out.stacktrace = stacktrace as unknown as JsonRecord;
    return out;
  });
  return values.length > 0 ? { values } : undefined;
}
