import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import type { UpdateIssueBody } from "@faultline/contracts";
import { api } from "../../api/endpoints";
import { parseLinkHeader } from "../../api/link-header";
import type { Issue } from "../../api/types";
import { useApi } from "../../api/use-api";
import { EmptyState, ErrorState, IssueListSkeleton } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";
import { BulkActions } from "./BulkActions";
import { describeChange, reverseChange, type ReverseUpdate } from "./reverse-change";
import { SelectAllMatching } from "./SelectAllMatching";
import { UndoToast, type ToastMessage } from "./UndoToast";
import { IssueRow } from "./IssueRow";
import { SavedSearchChips } from "./SavedSearchChips";
import { SearchBar, type SearchBarHandle } from "./search/SearchBar";
import { useKnownTags } from "./use-known-tags";
import { useListKeys } from "./use-list-keys";

const DEFAULT_QUERY = "is:unresolved";
const SORTS = [
  { value: "date", label: "Last seen" },
  { value: "new", label: "First seen" },
  { value: "freq", label: "Events" },
  { value: "user", label: "Users" },
];
const QUICK_FILTERS = [
  { label: "Unresolved", query: "is:unresolved" },
  // Sentry's "For me": assigned to you or to one of your teams.
  { label: "For me", query: "is:unresolved assigned:[me, my_teams]" },
  // Sentry's "Errors+" is error and above: fatal issues belong in it too.
  { label: "Errors+", query: "is:unresolved level:[error,fatal]" },
  { label: "Resolved", query: "is:resolved" },
  { label: "Ignored", query: "is:ignored" },
  { label: "All", query: "" },
];
const POLL_MS = 15_000;

/** The issue list: search, sort, period, selection with bulk actions, pagination, keyboard, polling. */
export function IssueListPage() {
  const { org } = useOrg();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = params.get("query") ?? DEFAULT_QUERY;
  const sort = params.get("sort") ?? "date";
  const period = params.get("statsPeriod") === "14d" ? "14d" : "24h";
  const cursor = params.get("cursor") ?? undefined;
  const project = params.get("project") ?? undefined;
  const list = useApi<Issue[]>(
    `/organizations/${org.slug}/issues/`,
    { query, sort, statsPeriod: period, cursor, project, per_page: 25 },
    { pollMs: POLL_MS },
  );
  const issues = useMemo(() => list.data ?? [], [list.data]);
  const pages = parseLinkHeader(list.headers?.get("Link") ?? null);
  // Sentry's X-Hits: how many issues the search matches, counted up to X-Max-Hits.
  const hits = Number(list.headers?.get("X-Hits") ?? issues.length);
  const maxHits = Number(list.headers?.get("X-Max-Hits") ?? 1000);
  const [allMatching, setAllMatching] = useState(false);
  const [toast, setToast] = useState<ToastMessage>();
  const closeToast = useCallback(() => setToast(undefined), []);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const search = useRef<SearchBarHandle>(null);
  const known = useKnownTags(project);

  // A refresh keeps the selection, less issues that left the list; the focus stays in range.
  useEffect(() => {
    if (!list.data) return;
    const present = new Set(list.data.map((issue) => issue.id));
    setSelected((current) => {
      const kept = [...current].filter((id) => present.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
    setFocus((current) => Math.min(current, Math.max(0, list.data!.length - 1)));
  }, [list.data]);

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      if (!("cursor" in changes)) next.delete("cursor");
      setParams(next);
      setFocus(0);
      setAllMatching(false);
    },
    [params, setParams],
  );

  const issueHref = (issue: Issue) => `/organizations/${org.slug}/issues/${issue.id}/`;
  const targets = () => {
    if (selected.size) return [...selected];
    const focused = issues[focus];
    return focused ? [focused.id] : [];
  };

  /** Applies a change to `ids`, or with `everyMatch` to every issue the search matches. */
  async function act(ids: string[], change: UpdateIssueBody | "delete", everyMatch = false) {
    if (!ids.length) return;
    const count = everyMatch ? Math.min(hits, maxHits) : ids.length;
    if (change === "delete" && !window.confirm(`Delete ${count} issue${count > 1 ? "s" : ""} and their events?`))
      return;
    setBusy(true);
    setActionError(undefined);
    try {
      const search = { query, ...(project ? { project } : {}) };
      if (everyMatch) {
        if (change === "delete") await api.bulkDeleteMatching(org.slug, search);
        else await api.bulkUpdateMatching(org.slug, search, change);
      } else if (change === "delete") await api.bulkDeleteIssues(org.slug, ids);
      else await api.bulkUpdateIssues(org.slug, ids, change);
      // Undo needs each issue's state before: known for the rows shown, not for every match.
      const undo =
        change === "delete" || everyMatch
          ? []
          : reverseChange(
              issues.filter((issue) => ids.includes(issue.id)),
              change,
            );
      setToast({
        id: Date.now(),
        text: describeChange(change, count),
        ...(undo.length > 0 ? { undo: () => void revert(undo) } : {}),
      });
      setSelected(new Set());
      setAllMatching(false);
      list.reload();
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  async function revert(updates: ReverseUpdate[]) {
    setBusy(true);
    setActionError(undefined);
    try {
      for (const update of updates) await api.bulkUpdateIssues(org.slug, update.ids, update.body);
      list.reload();
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  useListKeys({
    move: (delta) => setFocus((current) => Math.max(0, Math.min(issues.length - 1, current + delta))),
    open: () => {
      const issue = issues[focus];
      if (issue) void navigate(issueHref(issue));
    },
    resolve: () => void act(targets(), { status: "resolved" }),
    ignore: () => void act(targets(), { status: "ignored" }),
    toggle: () => {
      const issue = issues[focus];
      if (issue) toggle(issue.id);
    },
    focusSearch: () => search.current?.focus(),
  });

  useEffect(() => {
    document.querySelector(".issue-row.focused")?.scrollIntoView({ block: "nearest" });
  }, [focus]);

  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const allSelected = issues.length > 0 && issues.every((issue) => selected.has(issue.id));
  const ids = [...selected];
  const matchingAll = allMatching && allSelected;

  return (
    <section className="page page-wide">
      <div className="page-head">
        <h1>Issues</h1>
        <div className="toolbar">
          <label className="inline-field">
            <span className="muted">Sort</span>
            <select aria-label="Sort" value={sort} onChange={(event) => update({ sort: event.target.value })}>
              {SORTS.map((item) => (
                <option key={item.value} value={item.value}>
                  {item.label}
                </option>
              ))}
            </select>
          </label>
          <div className="segmented" role="group" aria-label="Period">
            {(["24h", "14d"] as const).map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={period === value}
                className={period === value ? "active" : undefined}
                onClick={() => update({ statsPeriod: value })}
              >
                {value}
              </button>
            ))}
          </div>
        </div>
      </div>
      <SearchBar
        ref={search}
        value={query}
        known={known.known}
        onFirstFocus={known.load}
        onValuesWanted={known.loadValues}
        onSubmit={(q) => update({ query: q })}
      />
      <div className="quick-filters">
        {QUICK_FILTERS.map((filter) => (
          <button
            key={filter.label}
            type="button"
            className={`chip${query === filter.query ? " active" : ""}`}
            onClick={() => update({ query: filter.query })}
          >
            {filter.label}
          </button>
        ))}
      </div>
      <SavedSearchChips
        query={query}
        sort={sort}
        explicit={params.has("query")}
        onSelect={(q, s) => update({ query: q, sort: s })}
      />
      <div className="panel list-panel">
        <div className="list-head">
          <input
            type="checkbox"
            aria-label="Select all on this page"
            checked={allSelected}
            onChange={() => setSelected(allSelected ? new Set() : new Set(issues.map((issue) => issue.id)))}
          />
          {selected.size ? (
            <BulkActions
              count={selected.size}
              {...(matchingAll ? { matching: Math.min(hits, maxHits) } : {})}
              busy={busy}
              onAction={(change) => void act(ids, change, matchingAll)}
            />
          ) : (
            <span className="list-title muted">Issue</span>
          )}
          <span className="col-graph muted">{period === "24h" ? "Last 24 hours" : "Last 14 days"}</span>
          <span className="col-count muted">Events</span>
          <span className="col-count col-users muted">Users</span>
          <span className="col-assignee muted">Owner</span>
        </div>
        {allSelected ? (
          <SelectAllMatching
            pageCount={issues.length}
            hits={hits}
            maxHits={maxHits}
            allMatching={matchingAll}
            onChange={setAllMatching}
          />
        ) : null}
        {actionError ? (
          <div className="form-error" role="alert">
            {actionError}
          </div>
        ) : null}
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <IssueListSkeleton />
        ) : issues.length === 0 ? (
          <EmptyState title={query === DEFAULT_QUERY && !cursor ? "No unresolved issues" : "No issues match"}>
            {query === DEFAULT_QUERY
              ? "Nothing is broken right now, or no events have arrived yet."
              : "Try a broader search."}
          </EmptyState>
        ) : (
          <ul className="issue-list" aria-label="Issues">
            {issues.map((issue, index) => (
              <IssueRow
                key={issue.id}
                issue={issue}
                href={issueHref(issue)}
                period={period}
                selected={selected.has(issue.id)}
                focused={index === focus}
                onToggle={toggle}
                onFocus={() => setFocus(index)}
              />
            ))}
          </ul>
        )}
        {list.error && list.data ? (
          <div className="muted refresh-error">Refresh failed: {list.error.message}</div>
        ) : null}
      </div>
      <div className="pager">
        <span className="muted keys-hint">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>o</kbd> open · <kbd>x</kbd> select · <kbd>r</kbd> resolve · <kbd>i</kbd>{" "}
          ignore · <kbd>/</kbd> search
        </span>
        <button
          type="button"
          className="btn"
          disabled={!pages.previous}
          onClick={() => update({ cursor: pages.previous })}
        >
          Previous
        </button>
        <button type="button" className="btn" disabled={!pages.next} onClick={() => update({ cursor: pages.next })}>
          Next
        </button>
      </div>
      <UndoToast toast={toast} onClose={closeToast} />
    </section>
  );
}
