export interface StoredEventInput {
  projectId: number;
  /** 32 hex characters. */
  eventId: string;
  /** Grouping hashes, primary first. */
  hashes: string[];
  groupingVersion: string;
  title: string;
  culprit: string;
  level: string;
  type: string;
  metadata: Record<string, unknown>;
  timestamp: Date;
  receivedAt: Date;
  platform: string;
  release: string | null;
  environment: string | null;
  message: string;
  tags: [string, string][];
  /** "id:..", "email:..", "ip:.." — null when the event has no user. */
  userKey: string | null;
  /** The user's other fields (email, username, IP, name), for search; absent when not known. */
  userFields?: { email: string | null; username: string | null; ipAddress: string | null; name: string | null } | null;
  /** An exception's stack trace was minified and mapped (Sentry's hasMinifiedStackTrace). */
  hasMinifiedStackTrace?: boolean;
  /** The normalized, scrubbed payload, or its JSON text already made (see SerializedJson). */
  data: unknown;
}

/**
 * A payload serialized when it is ready rather than when its batch is stored: a batch gathers
 * for a while, and one flat string is far cheaper for the garbage collector to hold than the
 * event's object graph. Also keeps the serializing out of the batch's transaction.
 */
export class SerializedJson {
  constructor(readonly text: string) {}

  static of(value: unknown): SerializedJson {
    return new SerializedJson(JSON.stringify(value) ?? "null");
  }
}

export type StoreOutcome =
  | { stored: true; eventId: string; issueId: bigint; isNewIssue: boolean; isRegression: boolean }
  | { stored: false; eventId: string; reason: "duplicate" };

/** A stored event with the issue it joined. */
export interface Placed {
  input: StoredEventInput;
  issueId: bigint;
}
