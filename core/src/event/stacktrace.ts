import { boundedJson, boundedRecord } from "./bounded-json";
import { asNumber, asString, isRecord } from "./coerce";
import { SHAPE_CAPS } from "./shape-caps";
import type { Path, TrimNotes } from "./trim-notes";
import type { ExceptionValue, JsonRecord, StackFrame, Stacktrace } from "./types";

const ANY_LENGTH = Number.POSITIVE_INFINITY;
const JS_PLATFORMS = new Set(["javascript", "node", "cocoa-js"]);

export function isJavaScriptPlatform(platform: string | undefined): boolean {
  return platform !== undefined && JS_PLATFORMS.has(platform);
}

/**
 * Frames are stored oldest first (the crashing frame last), as SDKs send them and Sentry keeps
 * them. Very deep stacks keep both ends, like Sentry's frame trimming. `path` is where the
 * stack trace sits in the event, for the notes of what was trimmed.
 */
export function normalizeStacktrace(
  raw: unknown,
  platform: string,
  notes: TrimNotes,
  path: Path,
): Stacktrace | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.frames)) return undefined;
  const kept = notes.ends(raw.frames.filter(isRecord), SHAPE_CAPS.framesPerStacktrace, path, "frames");
  if (kept.length === 0) return undefined;
  const frames = kept.map((frame, index) => normalizeFrame(frame, platform, notes, [...path, "frames", index]));
  const out: Stacktrace = { frames };
  const registers = boundedRecord(raw.registers, SHAPE_CAPS.smallBag, notes, path, "registers");
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

function normalizeFrame(raw: Record<string, unknown>, eventPlatform: string, notes: TrimNotes, path: Path): StackFrame {
  const frame: StackFrame = {};
  const text = (field: (typeof STRING_FIELDS)[number]) => frameText(raw[field], notes, path, field);
  const filename = text("filename");
  const absPath = text("abs_path");
  // Relay's path fix-ups (§6.4): `abs_path` falls back to `filename`; a missing `filename` is
  // derived from `abs_path`. A fixed-up field goes last, after everything else the frame has.
  // Decided before the frame is built: deleting a property would turn every frame into a
  // slow dictionary-mode object for the rest of the pipeline.
  const movedToAbsPath = absPath === undefined && filename !== undefined;
  const derivedFilename = filename === undefined || movedToAbsPath;
  for (const field of STRING_FIELDS) {
    if (field === "filename" && derivedFilename) continue;
    if (field === "abs_path" && movedToAbsPath) continue;
    const value = field === "filename" ? filename : field === "abs_path" ? absPath : text(field);
    if (value !== undefined) frame[field] = value;
  }
  const lineno = asNumber(raw.lineno);
  if (lineno !== undefined) frame.lineno = lineno;
  const colno = asNumber(raw.colno);
  if (colno !== undefined) frame.colno = colno;
  for (const field of ["pre_context", "post_context"] as const) {
    const lines = raw[field];
    if (!Array.isArray(lines)) continue;
    // The lines nearest the frame's own line are the ones kept.
    const { contextLines, contextLineLength } = SHAPE_CAPS;
    const kept =
      field === "pre_context"
        ? notes.last(lines, contextLines, path, field)
        : notes.first(lines, contextLines, path, field);
    frame[field] = kept.map((line, index) =>
      notes.text(asString(line, ANY_LENGTH) ?? "", contextLineLength, [...path, field], index),
    );
  }
  if (typeof raw.in_app === "boolean") frame.in_app = raw.in_app;
  // Some SDKs send positional locals as a list; Sentry keys them "0", "1", ...
  const rawVars = Array.isArray(raw.vars) ? { ...raw.vars } : raw.vars;
  const vars = boundedRecord(rawVars, SHAPE_CAPS.frameVars, notes, path, "vars");
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

function frameText(value: unknown, notes: TrimNotes, path: Path, field: string): string | undefined {
  const text = asString(value, ANY_LENGTH);
  if (text === undefined || text === "") return undefined;
  const max = field === "context_line" ? SHAPE_CAPS.contextLineLength : SHAPE_CAPS.frameFieldLength;
  return notes.text(text, max, path, field);
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
export function normalizeExceptions(raw: unknown, platform: string, notes: TrimNotes): ExceptionValue[] {
  let list: unknown[] = [];
  if (Array.isArray(raw)) list = raw;
  else if (isRecord(raw) && Array.isArray(raw.values)) list = raw.values;
  else if (isRecord(raw) && (raw.type !== undefined || raw.value !== undefined)) list = [raw];
  // Relay drops exceptions that have neither a type nor a value. Dropped before the count cap,
  // so the notes' indexes are those of the stored list.
  const candidates: Candidate[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const type = asString(item.type, ANY_LENGTH) || undefined;
    const value = exceptionValueText(item.value) || undefined;
    if (type !== undefined || value !== undefined) candidates.push({ raw: item, type, value });
  }
  const kept = notes.ends(candidates, SHAPE_CAPS.exceptionValues, ["exception"], "values");
  return kept.map((candidate, index) => normalizeException(candidate, platform, notes, ["exception", "values", index]));
}

interface Candidate {
  raw: Record<string, unknown>;
  type: string | undefined;
  value: string | undefined;
}

/** Relay's JsonLenientString: a value that is not a string is kept as its JSON text. */
function exceptionValueText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function normalizeException(candidate: Candidate, platform: string, notes: TrimNotes, path: Path): ExceptionValue {
  const { raw } = candidate;
  const out: ExceptionValue = {};
  if (candidate.type) out.type = notes.text(candidate.type, SHAPE_CAPS.exceptionTypeLength, path, "type");
  if (candidate.value) out.value = notes.text(candidate.value, SHAPE_CAPS.exceptionValueLength, path, "value");
  const module = asString(raw.module, ANY_LENGTH);
  if (module) out.module = notes.text(module, SHAPE_CAPS.exceptionTypeLength, path, "module");
  const mechanism = normalizeMechanism(boundedRecord(raw.mechanism, SHAPE_CAPS.smallBag, notes, path, "mechanism"));
  if (mechanism) out.mechanism = mechanism;
  if (raw.thread_id !== undefined) {
    const threadId = asString(raw.thread_id, ANY_LENGTH);
    out.thread_id =
      threadId === undefined ? null : notes.text(threadId, SHAPE_CAPS.identifierLength, path, "thread_id");
  }
  const stacktrace = normalizeStacktrace(raw.stacktrace ?? raw["sentry.interfaces.Stacktrace"], platform, notes, [
    ...path,
    "stacktrace",
  ]);
  if (stacktrace) out.stacktrace = stacktrace;
  const rawStacktrace = normalizeStacktrace(raw.raw_stacktrace, platform, notes, [...path, "raw_stacktrace"]);
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
function normalizeMechanism(mechanism: JsonRecord | undefined): JsonRecord | undefined {
  if (!mechanism || typeof mechanism.type === "string") return mechanism;
  const { posix_signal: signal, mach_exception: mach, ...rest } = mechanism;
  const meta = isRecord(rest.meta) ? { ...rest.meta } : {};
  if (isRecord(signal)) meta.signal = signal;
  if (isRecord(mach)) {
    const { exception_name: name, ...machRest } = mach;
    meta.mach_exception = name === undefined ? machRest : { ...machRest, name };
  }
  return { ...rest, type: "generic", ...(Object.keys(meta).length > 0 ? { meta } : {}) };
}

export function normalizeThreads(
  raw: unknown,
  platform: string,
  notes: TrimNotes,
): { values: JsonRecord[] } | undefined {
  const list = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.values) ? raw.values : [];
  const values = list.filter(isRecord).map((thread, index) => {
    const path = ["threads", "values", index];
    const out = (boundedJson({ ...thread, stacktrace: undefined }, SHAPE_CAPS.smallBag, notes, path) ??
      {}) as JsonRecord;
    const stacktrace = normalizeStacktrace(thread.stacktrace, platform, notes, [...path, "stacktrace"]);
    if (stacktrace) out.stacktrace = stacktrace as unknown as JsonRecord;
    return out;
  });
  return values.length > 0 ? { values } : undefined;
}
