import { asArray, asNumber, asRecord, asString } from "./values";

/** A stack frame as the page draws it; every field optional because SDKs send all sorts. */
export interface FrameView {
  key: string;
  file: string;
  fn: string;
  module?: string;
  lineNo?: number;
  colNo?: number;
  inApp: boolean;
  /** [line number, code] around the error line, the error line flagged. */
  context: { line: number | undefined; code: string; current: boolean }[];
  vars?: Record<string, unknown>;
  /** How many identical frames right after this one were folded into it (deep recursion). */
  repeats?: number;
}

/**
 * One frame of the API's stack traces (Sentry's shape: `lineNo`, `absPath`, `inApp`, and
 * `context` as `[line, text]` pairs, the error line among them).
 */
export function toFrameView(raw: unknown, index: number): FrameView {
  const frame = asRecord(raw) ?? {};
  const lineNo = asNumber(frame.lineNo);
  const context: FrameView["context"] = asArray(frame.context).flatMap((pair) => {
    if (!Array.isArray(pair)) return [];
    const line = asNumber(pair[0]);
    return [{ line, code: asString(pair[1]) ?? "", current: line !== undefined && line === lineNo }];
  });
  const vars = asRecord(frame.vars);
  return {
    key: `${index}`,
    file:
      asString(frame.filename) ??
      asString(frame.absPath) ??
      asString(frame.module) ??
      asString(frame.package) ??
      "<unknown>",
    fn: asString(frame.function) ?? asString(frame.symbol) ?? "?",
    module: asString(frame.module),
    lineNo,
    colNo: asNumber(frame.colNo),
    inApp: frame.inApp === true,
    context,
    ...(vars && Object.keys(vars).length ? { vars } : {}),
  };
}

/** Frames most recent call first (Sentry sends them oldest first), repeats folded, as the page lists them. */
export function framesOf(stacktrace: unknown): FrameView[] {
  const frames = asArray(asRecord(stacktrace)?.frames).map(toFrameView);
  return collapseRepeats(frames.reverse());
}

const sameCall = (a: FrameView, b: FrameView) => a.fn === b.fn && a.file === b.file && a.lineNo === b.lineNo;

/**
 * Runs of consecutive identical frames (same function, file and line — a recursion) become one
 * frame that says how many times it repeated, as Sentry shows them; a stack overflow's hundreds of
 * copies would otherwise bury the frames that matter.
 */
export function collapseRepeats(frames: FrameView[]): FrameView[] {
  const collapsed: FrameView[] = [];
  for (const frame of frames) {
    const last = collapsed[collapsed.length - 1];
    if (last && sameCall(last, frame)) collapsed[collapsed.length - 1] = { ...last, repeats: (last.repeats ?? 0) + 1 };
    else collapsed.push(frame);
  }
  return collapsed;
}

export type FrameGroup = { kind: "frame"; frame: FrameView } | { kind: "collapsed"; frames: FrameView[] };

/**
 * When a trace has in-app frames, runs of library frames fold into one "N library frames" row;
 * a trace with no in-app frames at all shows everything (there is nothing else to look at).
 */
export function groupFrames(frames: FrameView[]): FrameGroup[] {
  if (!frames.some((frame) => frame.inApp)) return frames.map((frame) => ({ kind: "frame", frame }));
  const groups: FrameGroup[] = [];
  for (const frame of frames) {
    const last = groups[groups.length - 1];
    if (frame.inApp) groups.push({ kind: "frame", frame });
    else if (last?.kind === "collapsed") last.frames.push(frame);
    else groups.push({ kind: "collapsed", frames: [frame] });
  }
  return groups;
}
