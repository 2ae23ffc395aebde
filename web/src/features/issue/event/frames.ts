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
}

export function toFrameView(raw: unknown, index: number): FrameView {
  const frame = asRecord(raw) ?? {};
  const lineNo = asNumber(frame.lineno);
  const pre = asArray(frame.pre_context).map((line) => asString(line) ?? "");
  const post = asArray(frame.post_context).map((line) => asString(line) ?? "");
  const current = asString(frame.context_line);
  const context: FrameView["context"] = [];
  if (current !== undefined) {
    pre.forEach((code, n) =>
      context.push({ line: lineNo !== undefined ? lineNo - pre.length + n : undefined, code, current: false }),
    );
    context.push({ line: lineNo, code: current, current: true });
    post.forEach((code, n) =>
      context.push({ line: lineNo !== undefined ? lineNo + n + 1 : undefined, code, current: false }),
    );
  }
  const vars = asRecord(frame.vars);
  return {
    key: `${index}`,
    file:
      asString(frame.filename) ??
      asString(frame.abs_path) ??
      asString(frame.module) ??
      asString(frame.package) ??
      "<unknown>",
    fn: asString(frame.function) ?? asString(frame.symbol) ?? "?",
    module: asString(frame.module),
    lineNo,
    colNo: asNumber(frame.colno),
    inApp: frame.in_app === true,
    context,
    ...(vars && Object.keys(vars).length ? { vars } : {}),
  };
}

/** Frames most recent call first (Sentry sends them oldest first), as the page lists them. */
export function framesOf(stacktrace: unknown): FrameView[] {
  const frames = asArray(asRecord(stacktrace)?.frames).map(toFrameView);
  return frames.reverse();
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
