import { useState } from "react";
import { CopyButton } from "../../../components/ui/CopyButton";

/** The whole event as JSON text, collapsed until asked for, with a copy button. */
export function RawJson({ value }: { value: unknown }) {
  const [open, setOpen] = useState(false);
  const text = JSON.stringify(value, null, 2);
  return (
    <div className="raw-json">
      <div className="code-actions">
        <button type="button" className="btn btn-small" onClick={() => setOpen((v) => !v)} aria-expanded={open}>
          {open ? "Hide JSON" : "Show JSON"}
        </button>
        <CopyButton text={text} label="Copy JSON" />
      </div>
      {open ? <pre className="code-pre">{text}</pre> : null}
    </div>
  );
}
