import { useState, type FormEvent } from "react";
import { apiSend } from "../../api/client";
import type { Activity } from "../../api/types";
import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";
import { activityText, type MemberRef } from "./activity-text";
import { asRecord, asString } from "./event/values";

/** The issue's activity (status changes, assignment, regressions) and comments, newest first. */
export function ActivityPanel({ issueId, version }: { issueId: string; version: string }) {
  const activity = useApi<{ activity: Activity[] }>(`/issues/${issueId}/activities/`, { v: version });
  const { org } = useOrg();
  // Only an "assigned" entry needs the members, to name whom it was assigned to.
  const needsMembers = activity.data?.activity.some((item) => item.type === "assigned") ?? false;
  const members = useApi<MemberRef[]>(needsMembers ? `/organizations/${encodeURIComponent(org.slug)}/members/` : null);
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
        <PanelSkeleton />
      ) : (
        <ul className="activity">
          {activity.data.activity.map((item) => {
            const note = item.type === "note" ? asString(asRecord(item.data)?.text) : undefined;
            const { actor, text: words } = activityText(item, members.data);
            return (
              <li key={item.id}>
                {actor ? <strong>{actor}</strong> : null}
                {actor ? " " : ""}
                {words}{" "}
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
