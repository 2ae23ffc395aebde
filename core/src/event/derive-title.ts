import { truncate } from "./coerce";
import { truncateToCodePoints } from "./truncate";
import { isJavaScriptPlatform } from "./stacktrace";
import type { EventMetadata, EventType, ExceptionValue, NormalizedEvent, StackFrame } from "./types";

const TITLE_MAX = 100;

type TitleInput = Pick<
  NormalizedEvent,
  "exception" | "stacktrace" | "threads" | "message" | "platform" | "transaction" | "request" | "csp"
> & { clientCulprit?: string };

export interface Headline {
  type: EventType;
  title: string;
  culprit: string;
  metadata: EventMetadata;
}

/** Title, culprit and metadata as Sentry derives them for its issue list (§6.15). */
export function deriveHeadline(event: TitleInput): Headline {
  const exception = mainException(event.exception?.values);
  const synthetic = exception?.mechanism?.synthetic === true;
  // @sentry/node and @sentry/browser send captureMessage with attachStacktrace as a synthetic,
  // typeless exception carrying the message: it is still a message event, titled by its text.
  const isMessageWithStack = exception !== undefined && !exception.type && event.message.trim() !== "";
  if (exception && !isMessageWithStack) {
    const frames = exception.stacktrace?.frames ?? [];
    const frame = culpritFrame(frames);
    const metadata: EventMetadata = {};
    if (exception.type && !synthetic) metadata.type = exception.type;
    metadata.value = truncateToCodePoints(exception.value ?? "", 1024);
    const filename = frame?.filename ?? frame?.abs_path;
    if (filename) metadata.filename = filename;
    const fn = functionName(frames);
    if (fn) metadata.function = fn;
    const firstLine = (exception.value ?? "").split("\n")[0] ?? "";
    const type = synthetic ? undefined : exception.type;
    const title = synthetic
      ? (fn ?? "<unknown>")
      : type
        ? firstLine
          ? `${type}: ${truncate(firstLine, TITLE_MAX)}`
          : type
        : truncate(firstLine, TITLE_MAX) || "<unknown>";
    return { type: "error", title, culprit: culprit(event, synthetic ? undefined : frame), metadata };
  }
  const title = messageTitle(event.message);
  const frames = synthetic
    ? []
    : (event.stacktrace?.frames ?? exception?.stacktrace?.frames ?? crashedThreadFrames(event.threads));
  return { type: "default", title, culprit: culprit(event, culpritFrame(frames)), metadata: { title } };
}

/** A message event's title: its first non-empty line, shortened. */
export function messageTitle(message: string): string {
  const firstLine =
    message
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? "";
  return firstLine ? truncate(firstLine, TITLE_MAX) : "<unlabeled event>";
}

/** The crash frame's function, skipping names that say nothing (as Sentry's metadata does). */
function functionName(frames: StackFrame[]): string | undefined {
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i];
    if (!frame || (frame.in_app !== true && frames.some((f) => f.in_app === true))) continue;
    const fn = frame.function;
    if (fn && fn !== "?" && fn !== "<redacted>" && fn !== "<unknown>") return fn;
    return undefined;
  }
  return undefined;
}

/** The last value is the exception that was actually raised; earlier ones are its causes. */
export function mainException(values: ExceptionValue[] | undefined): ExceptionValue | undefined {
  if (!values || values.length === 0) return undefined;
  return values[values.length - 1];
}

/** The most recent in-app frame, else the most recent frame. */
export function culpritFrame(frames: StackFrame[]): StackFrame | undefined {
  for (let i = frames.length - 1; i >= 0; i--) {
    if (frames[i]?.in_app === true) return frames[i];
  }
  return frames[frames.length - 1];
}

function culprit(event: TitleInput, frame: StackFrame | undefined): string {
  if (event.clientCulprit) return event.clientCulprit;
  if (event.transaction) return event.transaction;
  if (frame) {
    const where = frame.module ?? frame.filename ?? frame.abs_path;
    const platform = frame.platform ?? event.platform;
    if (platform === "objc" || platform === "cocoa" || platform === "native") return frame.function ?? "?";
    if (where && isJavaScriptPlatform(platform)) return `${frame.function ?? "?"}(${where})`;
    if (where) return `${where} in ${frame.function ?? "?"}`;
  }
  const url = event.request?.url;
  return typeof url === "string" ? url : "";
}

function crashedThreadFrames(threads: NormalizedEvent["threads"]): StackFrame[] {
  const list = threads?.values ?? [];
  const crashed = list.find((thread) => thread.crashed === true) ?? (list.length === 1 ? list[0] : undefined);
  const stacktrace = crashed?.stacktrace as { frames?: StackFrame[] } | undefined;
  return stacktrace?.frames ?? [];
}
