/**
 * Events as the web API answers them: Sentry's `EventSerializer` shape (camelCase frames,
 * `context` line pairs, ISO breadcrumb times, request pairs...). The server builds these from the
 * stored (SDK-shaped, snake_case) event; the dashboard reads the same types.
 */

/** One stack frame, as Sentry's `Frame.get_api_context`. */
export interface ApiFrame {
  filename: string | null;
  absPath: string | null;
  module: string | null;
  package: string | null;
  platform: string | null;
  instructionAddr: string | null;
  symbolAddr: string | null;
  function: string | null;
  rawFunction: string | null;
  symbol: string | null;
  /** pre_context + context_line + post_context, each line with its number. */
  context: [number, string | null][];
  lineNo: number | null;
  colNo: number | null;
  inApp: boolean;
  trust: string | null;
  errors: unknown[] | null;
  lock: Record<string, unknown> | null;
  sourceLink: string | null;
  vars: Record<string, unknown> | null;
  addrMode?: string;
  imageAddr?: string;
  symbolicatorStatus?: string;
}

export interface ApiStacktrace {
  frames: ApiFrame[];
  framesOmitted: unknown;
  registers: Record<string, unknown> | null;
  /** Sentry's name for "has in-app frames" (its serializer computes `any(frame.in_app)`). */
  hasSystemFrames: boolean;
}

export interface ApiExceptionValue {
  type: string | null;
  value: string | null;
  mechanism: Record<string, unknown> | null;
  threadId: unknown;
  module: string | null;
  stacktrace: ApiStacktrace | null;
  /** The frames as the SDK sent them, when source maps rewrote `stacktrace`; otherwise null. */
  rawStacktrace: ApiStacktrace | null;
}

export interface ApiExceptionData {
  values: ApiExceptionValue[];
  hasSystemFrames: boolean;
  excOmitted: unknown;
}

export interface ApiThread {
  id: unknown;
  current: unknown;
  crashed: unknown;
  name: unknown;
  stacktrace: ApiStacktrace | null;
  rawStacktrace?: ApiStacktrace;
  state?: unknown;
  heldLocks?: unknown;
}

export interface ApiBreadcrumb {
  type: string;
  /** ISO 8601, or null when the SDK sent no readable time. */
  timestamp: string | null;
  level: string;
  message: string | null;
  category: string | null;
  data: Record<string, unknown> | null;
  event_id: string | null;
}

export interface ApiRequest {
  method: string | null;
  url: string | null;
  /** `[name, value]` pairs. */
  query: unknown[];
  fragment: string | null;
  data: unknown;
  headers: unknown[];
  cookies: unknown[];
  env: Record<string, unknown> | null;
  inferredContentType: string | null;
  apiTarget: string | null;
}

export interface ApiMessage {
  formatted: string;
  message?: string;
  params?: unknown;
}

export interface ApiDebugMeta {
  images: unknown[];
  sdk_info: unknown;
  is_debug_build: unknown;
}

export type ApiEventEntry =
  | { type: "message"; data: ApiMessage }
  | { type: "exception"; data: ApiExceptionData }
  | { type: "stacktrace"; data: ApiStacktrace }
  | { type: "threads"; data: { values: ApiThread[] } }
  | { type: "csp"; data: Record<string, unknown> }
  | { type: "breadcrumbs"; data: { values: ApiBreadcrumb[] } }
  | { type: "request"; data: ApiRequest }
  | { type: "debugmeta"; data: ApiDebugMeta };

/** One of the event's processing or normalization notes, as Sentry's `EventError.get_api_context`. */
export interface ApiEventError {
  type: string;
  message: string;
  data: Record<string, unknown>;
}

export interface ApiEventUser {
  id: unknown;
  email: unknown;
  username: unknown;
  ip_address: unknown;
  name: unknown;
  geo: Record<string, unknown> | null;
  data: Record<string, unknown> | null;
}

export interface ApiEventTag {
  key: string;
  value: string;
  /** For `user` tags: the search that finds the user's events (`user.id:"42"`). */
  query?: string;
}
