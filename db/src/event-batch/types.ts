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
  /** The normalized, scrubbed payload. */
  data: unknown;
}

export type StoreOutcome =
  | { stored: true; eventId: string; issueId: bigint; isNewIssue: boolean; isRegression: boolean }
  | { stored: false; eventId: string; reason: "duplicate" };

/** A stored event with the issue it joined. */
export interface Placed {
  input: StoredEventInput;
  issueId: bigint;
}
