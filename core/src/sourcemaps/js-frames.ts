import { isRecord } from "../event/coerce";
import { isJavaScriptPlatform } from "../event/stacktrace";
import type { NormalizedEvent, StackFrame, Stacktrace } from "../event/types";
import { debugIdsByUrl } from "./debug-ids";

/** Every stack trace of the event that symbolication may rewrite (exceptions, then the top one). */
export function jsStacktraces(event: NormalizedEvent): Stacktrace[] {
  const traces: Stacktrace[] = [];
  for (const exception of event.exception?.values ?? []) {
    if (exception.stacktrace) traces.push(exception.stacktrace);
  }
  if (event.stacktrace) traces.push(event.stacktrace);
  return traces;
}

/** A frame a source map could translate: JavaScript, with a script URL, a line and a column. */
export function isMappableFrame(frame: StackFrame, eventPlatform: string): boolean {
  const platform = frame.platform ?? eventPlatform;
  return (
    isJavaScriptPlatform(platform) &&
    typeof frame.abs_path === "string" &&
    frame.abs_path !== "<anonymous>" &&
    !frame.abs_path.startsWith("native") &&
    typeof frame.lineno === "number" &&
    typeof frame.colno === "number" &&
    !(isRecord(frame.data) && frame.data.symbolicated === true)
  );
}

/**
 * The script URLs worth looking up, or none: only JavaScript events with a release or debug
 * ids can have artifacts, so every other event skips symbolication without a query.
 */
export function scriptsToSymbolicate(event: NormalizedEvent): { urls: string[]; debugIds: Map<string, string> } {
  const debugIds = debugIdsByUrl(event);
  if (!event.release && debugIds.size === 0) return { urls: [], debugIds };
  const urls = new Set<string>();
  for (const trace of jsStacktraces(event)) {
    for (const frame of trace.frames) {
      if (isMappableFrame(frame, event.platform)) urls.add(frame.abs_path as string);
    }
  }
  return { urls: [...urls], debugIds };
}
