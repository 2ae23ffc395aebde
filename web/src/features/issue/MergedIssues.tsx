import { useState } from "react";
import { apiSend } from "../../api/client";
import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { ErrorState, Loading } from "../../components/ui/states";

/** One grouping hash of an issue, as `GET /issues/{id}/hashes/` lists it. */
export interface IssueHash {
  id: string;
  eventCount: number;
  latestEvent: { eventID: string; title: string; dateCreated: string } | null;
}

/**
 * The issue's "Merged issues" tab: every grouping hash its events came under (one per issue
 * merged in, plus its own), each with its newest event and an Unmerge button that moves that
 * hash's events back out into a new issue.
 */
export function MergedIssues(props: { issueId: string; onUnmerged: () => void }) {
  const path = `/issues/${encodeURIComponent(props.issueId)}/hashes/`;
  const hashes = useApi<IssueHash[]>(path);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  async function unmerge(hash: IssueHash) {
    if (!window.confirm(`Move the ${hash.eventCount} events of this fingerprint into a new issue?`)) return;
    setBusy(hash.id);
    setError(undefined);
    try {
      await apiSend<null>("DELETE", path, undefined, { id: [hash.id] });
      hashes.reload();
      props.onUnmerged();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(undefined);
    }
  }

  if (hashes.error) return <ErrorState error={hashes.error} onRetry={hashes.reload} />;
  if (!hashes.data) return <Loading label="Loading fingerprints…" />;
  const rows = hashes.data;
  return (
    <section className="panel merged-issues" aria-label="Merged issues">
      <p className="muted">
        {rows.length > 1
          ? "This issue groups events under several fingerprints. Unmerge one to move its events into a new issue."
          : "Nothing has been merged into this issue."}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="merged-hashes">
        {rows.map((hash) => (
          <li key={hash.id} className="merged-hash">
            <div className="merged-hash-text">
              <div className="merged-hash-title">{hash.latestEvent?.title ?? "(no stored event)"}</div>
              <div className="muted">
                <code>{hash.id}</code> · {hash.eventCount} event{hash.eventCount === 1 ? "" : "s"}
                {hash.latestEvent ? (
                  <>
                    {" "}
                    · latest <TimeAgo iso={hash.latestEvent.dateCreated} />
                  </>
                ) : null}
              </div>
            </div>
            {rows.length > 1 ? (
              <button
                type="button"
                className="btn btn-small"
                disabled={busy !== undefined}
                onClick={() => void unmerge(hash)}
              >
                {busy === hash.id ? "Unmerging…" : "Unmerge"}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
