import { useState, type FormEvent } from "react";
import { apiSend } from "../../api/client";
import type { Activity } from "../../api/types";
import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { ErrorState, Loading } from "../../components/ui/states";
import { asRecord, asString } from "./event/values";

const DESCRIPTIONS: Record<string, string> = {
  first_seen: "first seen",
  set_regression: "regressed",
  set_resolved: "resolved",
  set_resolved_in_release: "resolved in a release",
  set_resolved_in_next_release: "resolved in the next release",
  set_ignored: "ignored",
  set_unresolved: "unresolved",
  assigned: "assigned",
  unassigned: "unassigned",
  note: "commented",
};

/** The issue's activity (status changes, assignment, regressions) and comments, newest first. */
export function ActivityPanel({ issueId, version }: { issueId: string; version: string }) {
  const activity = useApi<{ activity: Activity[] }>(`/issues/${issueId}/activities/`, { v: version });
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();

  async function comment(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      await apiSend("POST", `/issues/${issueId}/comments/`, { text });
      setText("");
      activity.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <section className="panel">
      <h2>Activity</h2>
      <form className="comment-form" onSubmit={(event) => void comment(event)}>
        <textarea
          aria-label="Comment"
          placeholder="Add a comment…"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="btn btn-small" disabled={!text.trim()}>
          Comment
        </button>
        {error ? <div className="form-error">{error}</div> : null}
      </form>
      {activity.error ? (
        <ErrorState error={activity.error} onRetry={activity.reload} />
      ) : !activity.data ? (
        <Loading />
      ) : (
        <ul className="activity">
          {activity.data.activity.map((item) => {
            const note = item.type === "note" ? asString(asRecord(item.data)?.text) : undefined;
            return (
              <li key={item.id}>
                <strong>{item.user?.name ?? "Faultline"}</strong>{" "}
                {DESCRIPTIONS[item.type] ?? item.type.replace(/_/g, " ")}{" "}
                <span className="muted">
                  <TimeAgo iso={item.dateCreated} />
                </span>
                {note ? <div className="note">{note}</div> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
