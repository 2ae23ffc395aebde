import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import type { UpdateIssueBody } from "@faultline/contracts";
import { api } from "../../api/endpoints";
import type { IssueDetail } from "../../api/types";
import { AssigneePicker } from "./AssigneePicker";

const IGNORE_CHOICES: { label: string; body: UpdateIssueBody }[] = [
  { label: "Forever", body: { status: "ignored" } },
  { label: "For 1 hour", body: { status: "ignored", statusDetails: { ignoreDuration: 60 } } },
  { label: "For 24 hours", body: { status: "ignored", statusDetails: { ignoreDuration: 1440 } } },
  { label: "Until 100 more events", body: { status: "ignored", statusDetails: { ignoreCount: 100 } } },
  {
    label: "Until 100 events in an hour",
    body: { status: "ignored", statusDetails: { ignoreCount: 100, ignoreWindow: 60 } },
  },
];

/**
 * Resolve (now or in the next release), ignore (forever, for a while, until N more), unresolve,
 * assign, bookmark (the signed-in user's own), delete.
 */
export function IssueActions({
  issue,
  listPath,
  onChanged,
}: {
  issue: IssueDetail;
  listPath: string;
  onChanged: () => void;
}) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [ignoreOpen, setIgnoreOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  // The ignore menu closes on a click elsewhere or Escape.
  useEffect(() => {
    if (!ignoreOpen) return;
    const onDown = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) setIgnoreOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setIgnoreOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [ignoreOpen]);

  async function run(action: () => Promise<unknown>, after: () => void = onChanged) {
    setBusy(true);
    setError(undefined);
    setIgnoreOpen(false);
    try {
      await action();
      after();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }
  const update = (body: UpdateIssueBody) => void run(() => api.updateIssue(issue.id, body));

  return (
    <div className="issue-actions">
      {issue.status === "unresolved" ? (
        <>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => update({ status: "resolved" })}
          >
            Resolve
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => update({ status: "resolved", statusDetails: { inNextRelease: true } })}
            title="Resolved once a newer release than the latest one seen sends events"
          >
            Resolve in next release
          </button>
          <div className="menu" ref={menu}>
            <button
              type="button"
              className="btn"
              disabled={busy}
              aria-expanded={ignoreOpen}
              onClick={() => setIgnoreOpen((v) => !v)}
            >
              Ignore ▾
            </button>
            {ignoreOpen ? (
              <ul className="menu-list" role="menu">
                {IGNORE_CHOICES.map((choice) => (
                  <li key={choice.label}>
                    <button type="button" role="menuitem" onClick={() => update(choice.body)}>
                      {choice.label}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </>
      ) : (
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => update({ status: "unresolved" })}
        >
          {issue.status === "resolved" ? "Unresolve" : "Stop ignoring"}
        </button>
      )}
      <AssigneePicker assignee={issue.assignedTo} busy={busy} onAssign={(assignedTo) => update({ assignedTo })} />
      <button
        type="button"
        className="btn"
        disabled={busy}
        aria-pressed={issue.isBookmarked}
        title={issue.isBookmarked ? "Remove from your bookmarks" : "Add to your bookmarks (search: is:bookmarked)"}
        onClick={() => update({ isBookmarked: !issue.isBookmarked })}
      >
        <span aria-hidden="true">{issue.isBookmarked ? "★" : "☆"}</span> Bookmark
      </button>
      <button
        type="button"
        className="btn btn-danger"
        disabled={busy}
        onClick={() => {
          if (window.confirm("Delete this issue and all its events?"))
            void run(
              () => api.deleteIssue(issue.id),
              () => void navigate(listPath),
            );
        }}
      >
        Delete
      </button>
      {error ? (
        <span className="form-error inline" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
