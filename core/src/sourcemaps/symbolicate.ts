import { originalPositionFor, sourceContentFor, type TraceMap } from "@jridgewell/trace-mapping";
import { deriveHeadline } from "../event/derive-title";
import { truncateToCodePoints } from "../event/truncate";
import type { JsonRecord, NormalizedEvent, StackFrame } from "../event/types";
import { isMappableFrame } from "./js-frames";
import type { JsProcessingError } from "./processing-error";
import { resolveArtifactUrl } from "./url-candidates";

/** What the lookup found for one script URL. */
export type ScriptSource =
  | { kind: "map"; map: TraceMap; mapUrl: string; resolvedWith: "debug-id" | "release" }
  | { kind: "error"; error: JsProcessingError };

const CONTEXT_LINES = 5;
const MAX_LINE_LENGTH = 300;
const LIBRARY_SOURCE = /(^|[/\\])node_modules[/\\]|^webpack\/bootstrap|^\(webpack\)/;

/**
 * Rewrites the event's JavaScript frames through their source maps (pure: the maps are already
 * loaded). Each rewritten stack trace keeps its minified frames as `raw_stacktrace`, as Sentry
 * does; scripts that could not be read add one processing error each to `errors`.
 */
export function symbolicateEvent(event: NormalizedEvent, sources: ReadonlyMap<string, ScriptSource>): NormalizedEvent {
  const errors: JsProcessingError[] = [];
  const noteError = (error: JsProcessingError) => {
    if (!errors.some((known) => known.type === error.type && known.url === error.url)) errors.push(error);
  };
  let changed = false;
  const mapTrace = (frames: StackFrame[]) => {
    const mapped = symbolicateFrames(frames, event.platform, sources, noteError);
    if (mapped) changed = true;
    return mapped;
  };

  const out: NormalizedEvent = { ...event };
  if (event.exception) {
    out.exception = {
      values: event.exception.values.map((exception) => {
        const frames = exception.stacktrace ? mapTrace(exception.stacktrace.frames) : undefined;
        if (!frames || !exception.stacktrace) return exception;
        return { ...exception, stacktrace: { ...exception.stacktrace, frames }, raw_stacktrace: exception.stacktrace };
      }),
    };
  }
  if (event.stacktrace) {
    const frames = mapTrace(event.stacktrace.frames);
    if (frames) out.stacktrace = { ...event.stacktrace, frames };
  }
  if (errors.length > 0) out.errors = [...(event.errors ?? []), ...errors.map((error) => ({ ...error }))];
  if (!changed) return out;
  // The culprit and metadata name the crashing frame: derive them again from the real one.
  const headline = deriveHeadline(out);
  return { ...out, culprit: headline.culprit, metadata: { ...out.metadata, ...headline.metadata } };
}

/** Frames oldest first; returns undefined when no frame was rewritten. */
function symbolicateFrames(
  frames: StackFrame[],
  platform: string,
  sources: ReadonlyMap<string, ScriptSource>,
  noteError: (error: JsProcessingError) => void,
): StackFrame[] | undefined {
  const tokens = frames.map((frame) => {
    if (!isMappableFrame(frame, platform)) return undefined;
    const source = sources.get(frame.abs_path as string);
    if (!source) return undefined;
    if (source.kind === "error") {
      noteError(source.error);
      return undefined;
    }
    const position = originalPositionFor(source.map, {
      line: frame.lineno as number,
      column: Math.max(0, (frame.colno as number) - 1),
    });
    if (position.source === null || position.line === null) return undefined;
    return {
      source,
      position: { source: position.source, line: position.line, column: position.column, name: position.name },
    };
  });
  if (tokens.every((token) => token === undefined)) return undefined;

  return frames.map((frame, index) => {
    const token = tokens[index];
    if (!token) return frame;
    const { source, position } = token;
    const absPath = resolveArtifactUrl(position.source, frame.abs_path as string);
    // A minified frame's own name is the mangled one; the call site in its caller names the
    // function that was called (`e(t)` maps to `validateCart`), which is the name Sentry shows.
    const callerName = tokens[index - 1]?.position.name ?? undefined;
    const mapped: StackFrame = {
      ...frame,
      abs_path: absPath,
      filename: displayFilename(position.source, absPath),
      lineno: position.line,
      colno: position.column + 1,
      in_app: !LIBRARY_SOURCE.test(position.source),
      data: { sourcemap: source.mapUrl, resolved_with: source.resolvedWith, symbolicated: true } as JsonRecord,
    };
    const fn = callerName ?? frame.function;
    if (fn) mapped.function = fn;
    else delete mapped.function;
    delete mapped.context_line;
    delete mapped.pre_context;
    delete mapped.post_context;
    const content = sourceContentFor(source.map, position.source);
    if (content === null) noteError({ type: "js_missing_sources_content", url: absPath });
    else Object.assign(mapped, contextAround(content, position.line));
    return mapped;
  });
}

/** `webpack://app/./src/x.js` → `./src/x.js`; an http(s) URL → its path; else the source. */
function displayFilename(source: string, absPath: string): string {
  const webpack = /^webpack:\/\/[^/]*\/(.*)$/.exec(source);
  if (webpack?.[1]) return webpack[1];
  const http = /^https?:\/\/[^/]*(\/[^?#]*)/i.exec(absPath);
  if (http?.[1]) return http[1];
  return absPath.startsWith("~/") ? absPath.slice(1) : absPath;
}

function contextAround(content: string, line: number) {
  const lines = content.split(/\r?\n/);
  const at = line - 1;
  const clip = (text: string) =>
    text.length > MAX_LINE_LENGTH ? `${truncateToCodePoints(text, MAX_LINE_LENGTH)} {snip}` : text;
  if (at < 0 || at >= lines.length) return {};
  return {
    pre_context: lines.slice(Math.max(0, at - CONTEXT_LINES), at).map(clip),
    context_line: clip(lines[at] ?? ""),
    post_context: lines.slice(at + 1, at + 1 + CONTEXT_LINES).map(clip),
  };
}
