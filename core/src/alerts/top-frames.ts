import type { ExceptionValue, StackFrame } from "../event/types";
import type { FrameSummary } from "./notification";

/**
 * The frames a person reads first: the top-level exception's in-app frames, most recent first
 * (storage keeps them oldest first, as Sentry does). Falls back to all frames when none is in-app.
 */
export function topInAppFrames(data: unknown, limit = 5): FrameSummary[] {
  const frames = framesOf(data);
  const inApp = frames.filter((frame) => frame.in_app === true);
  return (inApp.length > 0 ? inApp : frames)
    .slice(-limit)
    .reverse()
    .map((frame) => ({
      function: typeof frame.function === "string" ? frame.function : null,
      filename:
        typeof frame.filename === "string"
          ? frame.filename
          : typeof frame.module === "string"
            ? frame.module
            : typeof frame.abs_path === "string"
              ? frame.abs_path
              : null,
      lineno: typeof frame.lineno === "number" ? frame.lineno : null,
      contextLine: typeof frame.context_line === "string" ? frame.context_line.trim().slice(0, 200) : null,
    }));
}

function framesOf(data: unknown): StackFrame[] {
  if (typeof data !== "object" || data === null) return [];
  const event = data as { exception?: { values?: ExceptionValue[] }; stacktrace?: { frames?: StackFrame[] } };
  const values = event.exception?.values ?? [];
  // The last value is the one that was raised (earlier ones are its causes).
  const top = values[values.length - 1];
  const frames = top?.stacktrace?.frames ?? event.stacktrace?.frames ?? [];
  return Array.isArray(frames) ? frames.filter((frame) => typeof frame === "object" && frame !== null) : [];
}
