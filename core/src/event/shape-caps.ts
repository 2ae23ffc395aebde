/**
 * Limits on the shape of one event, close to Relay's (relay-event-schema's `max_chars`,
 * `max_depth`/`max_bytes` and frame trimming). Over a limit, the event is trimmed, never refused,
 * and the trim is recorded in its `errors` (type `value_too_long`) and `_meta` (see TrimNotes).
 *
 * Lengths count UTF-16 code units (what JavaScript's `length` reports); a cut never splits a
 * surrogate pair. Databag sizes count the characters of the value as JSON, roughly.
 */
export interface BagCaps {
  /** Levels of nesting kept; a container on the last level is kept as its JSON text. */
  maxDepth: number;
  /** Budget for the whole bag; entries past it are dropped, strings cut to what is left. */
  maxBytes: number;
}

export const SHAPE_CAPS = {
  /** Chained exceptions kept; the oldest half and the newest half (the raised one is last). */
  exceptionValues: 25,
  /** Frames per stack trace; the outermost half and the innermost half (the crash site). */
  framesPerStacktrace: 250,
  /** Breadcrumbs kept; the most recent. */
  breadcrumbs: 100,
  /** Tags an SDK may set (Faultline's own promoted tags come on top). */
  tags: 100,
  /** Over this, a tag is dropped (Relay drops it too). */
  tagKeyLength: 200,
  /** Over this, a tag value is cut. */
  tagValueLength: 200,
  /** `message`, `logentry.message` and `logentry.formatted`. */
  messageLength: 8192,
  exceptionValueLength: 8192,
  /** Exception `type` and `module`. */
  exceptionTypeLength: 256,
  breadcrumbMessageLength: 8192,
  /** Breadcrumb `type` and `category`. */
  breadcrumbCategoryLength: 128,
  /** release, dist, environment, logger, transaction, server_name, culprit; user id, email, username, IP. */
  identifierLength: 200,
  /** Frame paths, function, module, package, symbol, addresses. */
  frameFieldLength: 2048,
  /** `pre_context` and `post_context` lines kept each (the ones nearest the frame's line). */
  contextLines: 10,
  /** `context_line` and each context line. */
  contextLineLength: 1024,
  fingerprintParts: 50,
  /** Pairs kept in request headers, cookies and query string each. */
  requestPairs: 100,
  /** Any other string anywhere in the event (databag values included) and any object key. */
  stringLength: 8192,
  keyLength: 256,
  /** `extra` as a whole, and each of its values. */
  extra: { maxDepth: 7, maxBytes: 262_144 } satisfies BagCaps,
  extraValue: { maxDepth: 7, maxBytes: 16_384 } satisfies BagCaps,
  /** Each context in `contexts`. */
  context: { maxDepth: 5, maxBytes: 8192 } satisfies BagCaps,
  breadcrumbData: { maxDepth: 5, maxBytes: 2048 } satisfies BagCaps,
  frameVars: { maxDepth: 5, maxBytes: 2048 } satisfies BagCaps,
  requestData: { maxDepth: 7, maxBytes: 8192 } satisfies BagCaps,
  /** `logentry.params` as a whole. */
  messageParams: { maxDepth: 5, maxBytes: 8192 } satisfies BagCaps,
  /** `user`, `mechanism`, a thread's fields, a breadcrumb's other fields, each request field. */
  smallBag: { maxDepth: 5, maxBytes: 8192 } satisfies BagCaps,
  /** `sdk`, `modules`, `csp`, `debug_meta`, stack trace `registers`. */
  largeBag: { maxDepth: 7, maxBytes: 262_144 } satisfies BagCaps,
  /** Trims recorded in `errors` / `_meta`; past this, trimming goes on without notes. */
  notes: 50,
} as const;
