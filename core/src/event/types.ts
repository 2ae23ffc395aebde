/** The event as Faultline stores it: Sentry's field names, normalized shapes. */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonRecord = { [key: string]: JsonValue };

export type Level = "debug" | "info" | "warning" | "error" | "fatal";
export const LEVELS: readonly Level[] = ["debug", "info", "warning", "error", "fatal"];

export interface StackFrame {
  filename?: string;
  abs_path?: string;
  module?: string;
  function?: string;
  raw_function?: string;
  package?: string;
  platform?: string;
  lineno?: number;
  colno?: number;
  context_line?: string;
  pre_context?: string[];
  post_context?: string[];
  in_app?: boolean;
  vars?: JsonRecord;
  [key: string]: JsonValue | undefined;
}

export interface Stacktrace {
  frames: StackFrame[];
  [key: string]: JsonValue | StackFrame[] | undefined;
}

export interface ExceptionValue {
  type?: string;
  value?: string;
  module?: string;
  mechanism?: JsonRecord;
  stacktrace?: Stacktrace;
  thread_id?: JsonValue;
  [key: string]: JsonValue | Stacktrace | undefined;
}

export interface LogEntry {
  message?: string;
  params?: JsonValue[] | JsonRecord;
  formatted?: string;
}

export type EventType = "error" | "default" | "csp";

export interface EventMetadata {
  type?: string;
  value?: string;
  filename?: string;
  function?: string;
  title?: string;
  directive?: string;
  uri?: string;
  [key: string]: string | undefined;
}

export interface NormalizedEvent {
  event_id: string;
  /** Seconds since the epoch, with fractions, like Sentry stores it. */
  timestamp: number;
  received: number;
  level: Level;
  platform: string;
  type: EventType;
  title: string;
  culprit: string;
  metadata: EventMetadata;
  /** The formatted message (logentry or message), "" when there is none. */
  message: string;
  logentry?: LogEntry;
  exception?: { values: ExceptionValue[] };
  stacktrace?: Stacktrace;
  threads?: { values: JsonRecord[] };
  breadcrumbs?: { values: JsonRecord[] };
  request?: JsonRecord;
  user?: JsonRecord;
  contexts?: JsonRecord;
  tags: [string, string][];
  extra?: JsonRecord;
  sdk?: JsonRecord;
  fingerprint?: string[];
  release?: string;
  dist?: string;
  environment?: string;
  logger?: string;
  transaction?: string;
  server_name?: string;
  modules?: JsonRecord;
  csp?: JsonRecord;
  debug_meta?: JsonRecord;
  /** Problems found while normalizing (bad fields dropped, values trimmed), as Sentry's `errors`. */
  errors?: { type: string; name?: string; value?: JsonValue; url?: string }[];
  /**
   * Sentry's annotations of trimmed values, keyed by their path:
   * `{"breadcrumbs": {"values": {"": {"len": 250}}}}` (see TrimNotes).
   */
  _meta?: JsonRecord;
}
