import { useEffect, useState } from "react";
import { Link } from "react-router";
import { parseLinkHeader } from "../../api/link-header";
import type { IssueEvent } from "../../api/types";
import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";

type EventSummary = Pick<IssueEvent, "eventID" | "dateCreated" | "tags" | "user" | "message" | "title">;

/**
 * The issue's events, newest first, with the tags people look for (release, environment, user).
 * The search is the API's (`browser:Chrome release:1.2 timeout`), over all the issue's events;
 * typing searches after a pause, Enter at once. `query` is owned by the page (a tag value sets it).
 */
export function EventList({
  issueId,
  base,
  query,
  onQueryChange,
}: {
  issueId: string;
  base: string;
  query: string;
  onQueryChange: (query: string) => void;
}) {
  // The cursor belongs to one search: a new search starts at the newest events.
  const [page, setPage] = useState<{ query: string; cursor?: string }>({ query });
  const cursor = page.query === query ? page.cursor : undefined;
  const [draft, setDraft] = useState(query);
  const [seen, setSeen] = useState(query);
  if (seen !== query) {
    // Set from outside (a tag value, Clear): show it in the box.
    setSeen(query);
    if (draft.trim() !== query) setDraft(query);
  }
  useEffect(() => {
    if (draft.trim() === query) return;
    const timer = setTimeout(() => onQueryChange(draft.trim()), 400);
    return () => clearTimeout(timer);
  }, [draft, query, onQueryChange]);
  const events = useApi<EventSummary[]>(`/issues/${issueId}/events/`, {
    cursor,
    per_page: 50,
    query: query || undefined,
  });
  const pages = parseLinkHeader(events.headers?.get("Link") ?? null);
  const tag = (event: EventSummary, key: string) => event.tags.find((item) => item.key === key)?.value ?? "";
  const shown = events.data ?? [];
  return (
    <div className="event-list">
      <form
        className="event-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          onQueryChange(draft.trim());
        }}
      >
        <input
          type="search"
          aria-label="Search events"
          placeholder="Search events: browser:Chrome release:1.2 user.email:… or text"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        {query ? (
          <button type="button" className="btn btn-small" onClick={() => onQueryChange("")}>
            Clear
          </button>
        ) : null}
      </form>
      {events.error ? (
        <ErrorState error={events.error} onRetry={events.reload} />
      ) : !events.data ? (
        <PanelSkeleton />
      ) : shown.length === 0 ? (
        <EmptyState title={query ? "No events match" : "No events"}>
          {query ? <>No event of this issue matches {query}.</> : null}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>Event</th>
                <th>When</th>
                <th>Release</th>
                <th>Environment</th>
                <th>User</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((event) => (
                <tr key={event.eventID}>
                  <td>
                    <Link to={`${base}events/${event.eventID}/`}>
                      <code>{event.eventID.slice(0, 12)}</code>
                    </Link>
                  </td>
                  <td>
                    <TimeAgo iso={event.dateCreated} />
                  </td>
                  <td>{tag(event, "release")}</td>
                  <td>{tag(event, "environment")}</td>
                  <td>{tag(event, "user")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="pager">
        <button
          type="button"
          className="btn btn-small"
          disabled={!pages.previous}
          onClick={() => setPage({ query, cursor: pages.previous })}
        >
          Newer
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!pages.next}
          onClick={() => setPage({ query, cursor: pages.next })}
        >
          Older
        </button>
      </div>
    </div>
  );
}
