import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * What the ingest routes need of a request: Express's `Request` has it, and so does a bare
 * `IncomingMessage` decorated by the fast path (`fast-path.ts`), which skips Express for SDK posts.
 */
export interface IngestRequest extends IncomingMessage {
  params: { projectId: string };
  query: Record<string, unknown>;
  ip?: string | undefined;
}

/** `locals.projectId` is set once the key is known, so later refusals count against the project. */
export interface IngestResponse extends ServerResponse {
  locals: Record<string, unknown>;
}
