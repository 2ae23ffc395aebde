import { useState } from "react";
import { Link } from "react-router";
import { parseLinkHeader } from "../../api/link-header";
import type { IssueEvent } from "../../api/types";
import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { EmptyState, ErrorState, Loading } from "../../components/ui/states";

type EventSummary = Pick<IssueEvent, "eventID" | "dateCreated" | "tags" | "user" | "message" | "title">;

/** The issue's events, newest first, with the tags people look for (release, environment, user). */
export function EventList({ issueId, base }: { issueId: string; base: string }) {
  const [cursor, setCursor] = useState<string>();
  const [filter, setFilter] = useState("");
  const events = useApi<EventSummary[]>(`/issues/${issueId}/events/`, { cursor, per_page: 50 });
  const pages = parseLinkHeader(events.headers?.get("Link") ?? null);
  const tag = (event: EventSummary, key: string) => event.tags.find((item) => item.key === key)?.value ?? "";
  // The API lists events without a search; this narrows the page on screen by any tag or text.
  const needle = filter.trim().toLowerCase();
  const shown = (events.data ?? []).filter(
    (event) =>
      !needle ||
      event.eventID.includes(needle) ||
      event.message.toLowerCase().includes(needle) ||
      event.tags.some((item) => `${item.key}:${item.value}`.toLowerCase().includes(needle)),
  );
  return (
    <div className="event-list">
      <input
        type="search"
        aria-label="Filter events"
        placeholder="Filter this page: release, environment, user, any tag…"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      {events.error ? (
        <ErrorState error={events.error} onRetry={events.reload} />
      ) : !events.data ? (
        <Loading />
      ) : shown.length === 0 ? (
        <EmptyState title="No events match" />
      ) : (
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
      )}
      <div className="pager">
        <button
          type="button"
          className="btn btn-small"
          disabled={!pages.previous}
          onClick={() => setCursor(pages.previous)}
        >
          Newer
        </button>
        <button type="button" className="btn btn-small" disabled={!pages.next} onClick={() => setCursor(pages.next)}>
          Older
        </button>
      </div>
    </div>
  );
}
