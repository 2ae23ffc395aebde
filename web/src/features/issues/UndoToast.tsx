import { useEffect } from "react";

export interface ToastMessage {
  /** Distinguishes toasts with the same text, so each restarts the timer. */
  id: number;
  text: string;
  /** Absent: nothing to undo (a deletion, or a change to every match of a search). */
  undo?: () => void;
}

const SHOW_MS = 8_000;

/** What an action did, with Undo while it shows; it goes after a few seconds or when dismissed. */
export function UndoToast(props: { toast: ToastMessage | undefined; onClose: () => void }) {
  const { toast, onClose } = props;
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onClose, SHOW_MS);
    return () => clearTimeout(timer);
  }, [toast, onClose]);
  if (!toast) return null;
  return (
    <div className="toast" role="status">
      <span>{toast.text}</span>
      {toast.undo ? (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            toast.undo?.();
            onClose();
          }}
        >
          Undo
        </button>
      ) : null}
      <button type="button" className="btn btn-small btn-plain" aria-label="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
