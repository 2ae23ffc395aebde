import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import type { IssueDetail, IssueEvent, TagSummary } from "../../api/types";
import { useApi } from "../../api/use-api";
import { TrendChart } from "../../components/charts/TrendChart";
import { LevelBadge, StatusBadge, TimeAgo } from "../../components/ui/badges";
import { ErrorState, IssuePageSkeleton, PanelSkeleton } from "../../components/ui/states";
import { formatCount } from "../../lib/time";
import { useOrg } from "../layout/org-context";
import { ActivityPanel } from "./ActivityPanel";
import { IssueActions } from "./IssueActions";
import { EventList } from "./EventList";
import { TagDistribution } from "./TagDistribution";
import { EventView } from "./event/EventView";
import { ignoreCondition } from "./ignore-condition";
import { IssueReleases } from "./IssueReleases";
import { IssueExport } from "./IssueExport";
import { MergedIssues } from "./MergedIssues";
import { IssueFeedback } from "../feedback/IssueFeedback";
import { plural } from "../../lib/text";

/** Everything about one issue: header, actions, trend, tags, and one of its events in full. */
export function IssuePage() {
  const { org } = useOrg();
  const { issueId = "", eventId = "latest" } = useParams();
  const issue = useApi<IssueDetail>(`/issues/${encodeURIComponent(issueId)}/`);
  const event = useApi<IssueEvent>(`/issues/${encodeURIComponent(issueId)}/events/${encodeURIComponent(eventId)}/`);
  const tags = useApi<TagSummary[]>(`/issues/${encodeURIComponent(issueId)}/tags/`);
  // 24 hourly buckets or 30 daily ones, both in the issue detail's `stats`.
  const [period, setPeriod] = useState<"24h" | "30d">("24h");
  const [tab, setTab] = useState<"event" | "events" | "merged">("event");
  // The "All events" search; a tag value sets it.
  const [eventQuery, setEventQuery] = useState("");
  const primary = useRef<HTMLDivElement>(null);
  const listPath = `/organizations/${org.slug}/issues/`;
  const base = `/organizations/${org.slug}/issues/${issueId}/`;

  if (issue.error)
    return (
      <ErrorState error={issue.error} onRetry={issue.reload} notFound="This issue does not exist or was deleted." />
    );
  if (!issue.data) return <IssuePageSkeleton />;
  const data = issue.data;
  const ignoredUntil = data.status === "ignored" ? ignoreCondition(data.statusDetails) : null;

  return (
    <article className="page issue-page">
      <div className="breadcrumb-nav">
        <Link to={`${listPath}?project=${data.project.id}`}>{data.project.name}</Link>
        <span className="muted"> / </span>
        <span className="short-id">{data.shortId}</span>
      </div>
      <header className="issue-header">
        <div className="issue-heading">
          <h1 className="issue-page-title" title={data.metadata.type || data.title}>
            {data.metadata.type ? <span>{data.metadata.type}</span> : <span>{data.title}</span>}
          </h1>
          {data.metadata.value ? <div className="issue-page-value">{data.metadata.value}</div> : null}
          <div className="issue-culprit">{data.culprit}</div>
          <div className="issue-meta">
            <LevelBadge level={data.level} />
            <StatusBadge status={data.status} />
            {data.status === "resolved" && data.statusDetails.inNextRelease ? (
              <span className="muted">in next release</span>
            ) : null}
            {ignoredUntil ? <span className="muted">{ignoredUntil}</span> : null}
            <span>
              first seen <TimeAgo iso={data.firstSeen} />
              {data.firstRelease ? <span className="muted"> in {data.firstRelease.version}</span> : null}
            </span>
            <span>
              last seen <TimeAgo iso={data.lastSeen} />
              {data.lastRelease ? <span className="muted"> in {data.lastRelease.version}</span> : null}
            </span>
          </div>
          <IssueReleases issue={data} />
        </div>
        <div className="issue-counts">
          <div>
            <div className="count-label">Events</div>
            <div className="count-value">{formatCount(data.count)}</div>
          </div>
          <div>
            <div className="count-label">Users</div>
            <div className="count-value">{formatCount(data.userCount)}</div>
          </div>
        </div>
      </header>
      <IssueActions
        issue={data}
        listPath={listPath}
        onChanged={() => {
          issue.reload();
        }}
      />
      {data.userCount > 0 ? (
        <div className="users-affected muted">
          {plural(data.userCount, "user")} affected ·{" "}
          <Link to={`/organizations/${org.slug}/projects/${data.project.slug}/users/`}>look users up</Link>
          {data.assignedTo ? <> · assigned to {data.assignedTo.name}</> : null}
        </div>
      ) : null}
      <div className="issue-grid">
        <div className="issue-primary" ref={primary}>
          <div className="tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={tab === "event"}
              className={`tab${tab === "event" ? " active" : ""}`}
              onClick={() => setTab("event")}
            >
              Event details
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === "events"}
              className={`tab${tab === "events" ? " active" : ""}`}
              onClick={() => setTab("events")}
            >
              All events
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === "merged"}
              className={`tab${tab === "merged" ? " active" : ""}`}
              onClick={() => setTab("merged")}
            >
              Merged issues
            </button>
          </div>
          {tab === "merged" ? (
            <MergedIssues issueId={data.id} onUnmerged={issue.reload} />
          ) : tab === "events" ? (
            <EventList issueId={data.id} base={base} query={eventQuery} onQueryChange={setEventQuery} />
          ) : event.error ? (
            <ErrorState
              error={event.error}
              onRetry={event.reload}
              notFound="This event does not exist or was deleted."
            />
          ) : !event.data ? (
            <PanelSkeleton label="Loading event…" rows={8} />
          ) : (
            <EventView
              event={event.data}
              base={base}
              projectPath={`/projects/${org.slug}/${data.project.slug}/`}
              userHref={(tagValue) =>
                `/organizations/${org.slug}/projects/${data.project.slug}/users/${encodeURIComponent(tagValue)}/`
              }
            />
          )}
        </div>
        <aside className="issue-side">
          <section className="panel">
            <div className="side-head">
              <h2>Events</h2>
              <div className="segmented" role="group" aria-label="Trend period">
                {(["24h", "30d"] as const).map((value) => (
                  <button
                    key={value}
                    type="button"
                    aria-pressed={period === value}
                    className={period === value ? "active" : undefined}
                    onClick={() => setPeriod(value)}
                  >
                    {value}
                  </button>
                ))}
              </div>
            </div>
            <TrendChart series={data.stats?.[period]} hourly={period === "24h"} />
          </section>
          <section className="panel">
            <h2>Tags</h2>
            {tags.error ? (
              <ErrorState error={tags.error} onRetry={tags.reload} />
            ) : !tags.data ? (
              <PanelSkeleton />
            ) : (
              <TagDistribution
                tags={tags.data}
                selected={tab === "events" ? eventQuery : undefined}
                onSelect={(term) => {
                  setEventQuery(term);
                  setTab("events");
                  // On a phone the tags are below the events: bring the list into view.
                  primary.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
                }}
              />
            )}
          </section>
          <IssueFeedback org={org.slug} issueId={data.id} />
          <ActivityPanel issueId={data.id} version={`${data.status}:${data.assignedTo?.id ?? ""}`} />
          <IssueExport issueId={data.id} />
        </aside>
      </div>
    </article>
  );
}
