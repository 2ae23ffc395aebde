import type { ReactNode } from "react";
import { ApiError } from "../../api/client";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children ? <div className="muted">{children}</div> : null}
    </div>
  );
}

/** A heading and text that say what failed; only a failure a retry can fix offers "Try again". */
function describeError(error: Error, notFound: string | undefined): { title: string; text: string; retry: boolean } {
  if (!(error instanceof ApiError)) return { title: "Something went wrong", text: error.message, retry: true };
  if (error.status === 404) return { title: "Not found", text: notFound ?? error.detail, retry: false };
  if (error.status === 401 || error.status === 403) return { title: "No access", text: error.detail, retry: false };
  // The server's own words say what is wrong with the request (a search it cannot parse, say).
  if (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429)
    return { title: "The server could not use this request", text: error.detail, retry: false };
  return { title: "Something went wrong", text: error.detail, retry: true };
}

export function ErrorState({
  error,
  onRetry,
  notFound,
}: {
  error: Error;
  onRetry?: () => void;
  /** What a 404 means here, e.g. "This issue does not exist or was deleted." */
  notFound?: string;
}) {
  const { title, text, retry } = describeError(error, notFound);
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      <div>{text}</div>
      {onRetry && retry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** A grey placeholder bar; `width` as a CSS length or percentage. */
export function SkeletonLine({ width = "100%", height }: { width?: string; height?: string }) {
  return <span className="skeleton-line" style={{ width, height }} aria-hidden="true" />;
}

/** The shape of a page while its data loads, announced to screen readers as loading. */
export function Skeleton({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-label={label} data-testid="skeleton">
      <span className="visually-hidden">{label}</span>
      {children}
    </div>
  );
}

/** The issue list's rows while they load. */
export function IssueListSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Skeleton label="Loading issues…">
      <div className="skeleton-rows">
        {Array.from({ length: rows }, (_, index) => (
          <div key={index} className="skeleton-row">
            <div className="skeleton-row-main">
              <SkeletonLine width={`${55 + ((index * 17) % 35)}%`} height="14px" />
              <SkeletonLine width={`${30 + ((index * 11) % 25)}%`} />
            </div>
            <SkeletonLine width="64px" height="20px" />
            <SkeletonLine width="36px" />
          </div>
        ))}
      </div>
    </Skeleton>
  );
}

/** The issue page's header, event sections and side panels while they load. */
export function IssuePageSkeleton() {
  return (
    <Skeleton label="Loading issue…">
      <div className="skeleton-issue">
        <SkeletonLine width="30%" />
        <SkeletonLine width="60%" height="22px" />
        <SkeletonLine width="45%" />
        <div className="skeleton-issue-grid">
          <div className="skeleton-panel">
            {[90, 70, 80, 60, 75].map((width, index) => (
              <SkeletonLine key={index} width={`${width}%`} />
            ))}
          </div>
          <div className="skeleton-panel skeleton-panel-side">
            <SkeletonLine width="40%" />
            <SkeletonLine height="96px" />
          </div>
        </div>
      </div>
    </Skeleton>
  );
}

/** A settings-style panel (heading and a few rows) while it loads. */
export function PanelSkeleton({ label = "Loading…", rows = 4 }: { label?: string; rows?: number }) {
  return (
    <Skeleton label={label}>
      <div className="skeleton-panel">
        {Array.from({ length: rows }, (_, index) => (
          <SkeletonLine key={index} width={`${85 - ((index * 13) % 40)}%`} />
        ))}
      </div>
    </Skeleton>
  );
}
