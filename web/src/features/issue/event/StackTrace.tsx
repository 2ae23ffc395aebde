import { useState } from "react";
import { KeyValueTable } from "./KeyValueTable";
import { groupFrames, type FrameGroup, type FrameView } from "./frames";

/** A stack trace, most recent call first; the first in-app frame opens with its source. */
export function StackTrace({ frames }: { frames: FrameView[] }) {
  const [showAll, setShowAll] = useState(false);
  if (frames.length === 0) return <div className="muted">No stack frames.</div>;
  const groups: FrameGroup[] = showAll ? frames.map((frame) => ({ kind: "frame", frame })) : groupFrames(frames);
  const firstOpen =
    frames.find((frame) => frame.inApp && frame.context.length) ?? frames.find((frame) => frame.context.length);
  const hasLibrary = frames.some((frame) => !frame.inApp) && frames.some((frame) => frame.inApp);
  return (
    <div className="stacktrace">
      {hasLibrary ? (
        <div className="stack-toolbar">
          <button type="button" className="btn btn-small" onClick={() => setShowAll((v) => !v)}>
            {showAll ? "Only app frames" : "Show library frames"}
          </button>
        </div>
      ) : null}
      <ol className="frames">
        {groups.map((group, index) =>
          group.kind === "frame" ? (
            <Frame key={group.frame.key} frame={group.frame} initiallyOpen={group.frame === firstOpen} />
          ) : (
            <CollapsedFrames key={`c${index}`} frames={group.frames} />
          ),
        )}
      </ol>
    </div>
  );
}

function CollapsedFrames({ frames }: { frames: FrameView[] }) {
  const [open, setOpen] = useState(false);
  if (open) return frames.map((frame) => <Frame key={frame.key} frame={frame} initiallyOpen={false} />);
  return (
    <li className="frame-collapsed">
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {frames.length} library frame{frames.length > 1 ? "s" : ""} hidden — show
      </button>
    </li>
  );
}

function Frame({ frame, initiallyOpen }: { frame: FrameView; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const expandable = frame.context.length > 0 || frame.vars !== undefined;
  return (
    <li className={`frame${frame.inApp ? " in-app" : " library"}`}>
      <button
        type="button"
        className="frame-head"
        aria-expanded={expandable ? open : undefined}
        disabled={!expandable}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="frame-file">{frame.file}</span>
        <span className="muted"> in </span>
        <span className="frame-fn">{frame.fn}</span>
        {frame.lineNo !== undefined ? (
          <span className="muted">
            {" "}
            at line {frame.lineNo}
            {frame.colNo !== undefined ? `:${frame.colNo}` : ""}
          </span>
        ) : null}
        {frame.inApp ? <span className="tag-in-app">in app</span> : null}
        {frame.repeats ? (
          <span className="frame-repeats">
            frame repeated {frame.repeats} time{frame.repeats > 1 ? "s" : ""}
          </span>
        ) : null}
        {expandable ? <span className="frame-toggle">{open ? "−" : "+"}</span> : null}
      </button>
      {open && frame.context.length ? (
        <ol className="frame-context" aria-label="Source context">
          {frame.context.map((line, index) => (
            <li key={index} className={line.current ? "current" : undefined}>
              <span className="line-no">{line.line ?? ""}</span>
              <code>{line.code}</code>
            </li>
          ))}
        </ol>
      ) : null}
      {open && frame.vars ? (
        <div className="frame-vars">
          <KeyValueTable data={frame.vars} />
        </div>
      ) : null}
    </li>
  );
}
