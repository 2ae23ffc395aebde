/**
 * The data category each envelope item type counts under (sentry-protocol.md §3.6, §5.2).
 * Attachments count one `attachment_item` each (Sentry also counts their bytes; we do not).
 */
const CATEGORY_BY_ITEM: Record<string, string> = {
  event: "error",
  transaction: "transaction",
  security: "security",
  raw_security: "security",
  attachment: "attachment_item",
  session: "session",
  sessions: "session",
  user_report: "feedback",
  feedback: "feedback",
  check_in: "monitor",
  profile: "profile",
  profile_chunk: "profile_chunk",
  profile_chunk_ui: "profile_chunk_ui",
  replay_event: "replay",
  replay_recording: "replay",
  replay_video: "replay",
  span: "span",
  otel_span: "span",
  otel_traces_data: "span",
  log: "log_item",
  otel_log: "log_item",
  trace_metric: "trace_metric",
  statsd: "metric_bucket",
  metric_buckets: "metric_bucket",
  metric_meta: "metric_bucket",
  client_report: "internal",
};

export function categoryOfItem(itemType: string): string {
  return CATEGORY_BY_ITEM[itemType] ?? "unknown";
}

/**
 * The categories named in X-Sentry-Rate-Limits when events are limited. `default` and `error`
 * together so every SDK generation backs off (§5.2); sessions, feedback and client reports are
 * never limited.
 */
export const LIMITED_CATEGORIES = ["error", "default", "security", "transaction"] as const;

export function isLimitedCategory(category: string): boolean {
  return (LIMITED_CATEGORIES as readonly string[]).includes(category);
}
