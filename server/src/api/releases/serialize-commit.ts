/**
 * Commits as `set-commits` stored them on the release (`{id, repository?, message?,
 * author_name?, author_email?, timestamp?}`, newest first as sentry-cli sends them), read back
 * in Sentry's shapes: its commit objects, the release's `lastCommit` and `authors`.
 */
export interface StoredCommit {
  id: string;
  repository: string | null;
  message: string | null;
  authorName: string | null;
  authorEmail: string | null;
  timestamp: string | null;
}

/** An author unknown to Faultline's users, as Sentry gives one: `{name, email}`. */
export interface CommitAuthor {
  name: string;
  email: string;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** The stored commits, skipping anything that is not one (the column is JSON as sent). */
export function storedCommits(value: unknown): StoredCommit[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (!item || typeof item !== "object") return [];
    const commit = item as Record<string, unknown>;
    const id = text(commit.id);
    if (id === null) return [];
    return [
      {
        id,
        repository: text(commit.repository),
        message: text(commit.message),
        authorName: text(commit.author_name),
        authorEmail: text(commit.author_email),
        timestamp: text(commit.timestamp),
      },
    ];
  });
}

export function commitAuthor(commit: Pick<StoredCommit, "authorName" | "authorEmail">): CommitAuthor | null {
  if (commit.authorEmail === null) return null;
  return { name: commit.authorName ?? commit.authorEmail, email: commit.authorEmail };
}

/** `[{author_name, author_email}]` as the release query gives them (see ReleaseVersionRow.authors). */
export function storedAuthors(value: unknown): Pick<StoredCommit, "authorName" | "authorEmail">[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (!item || typeof item !== "object") return [];
    const author = item as Record<string, unknown>;
    return [{ authorName: text(author.author_name), authorEmail: text(author.author_email) }];
  });
}

/** Distinct authors by email (case-insensitive), in commit order: Sentry's release `authors`. */
export function releaseAuthors(commits: Pick<StoredCommit, "authorName" | "authorEmail">[]): CommitAuthor[] {
  const seen = new Set<string>();
  const out: CommitAuthor[] = [];
  for (const commit of commits) {
    const author = commitAuthor(commit);
    if (!author || seen.has(author.email.toLowerCase())) continue;
    seen.add(author.email.toLowerCase());
    out.push(author);
  }
  return out;
}

/**
 * Sentry's repository object for a repository known only by the name commits gave it (Sentry
 * creates such a repository with no provider; Faultline has no repository records, so the name
 * is its id too).
 */
function serializeRepository(name: string, dateCreated: Date) {
  return {
    id: name,
    name,
    url: null,
    provider: { id: "unknown", name: "Unknown Provider" },
    status: "active",
    dateCreated: dateCreated.toISOString(),
    integrationId: null,
    externalSlug: null,
    externalId: null,
  };
}

/** Sentry's commit object. A commit sent without a time is dated by its release. */
export function serializeCommit(commit: StoredCommit, releaseCreatedAt: Date) {
  const when = commit.timestamp === null ? null : new Date(commit.timestamp);
  return {
    id: commit.id,
    message: commit.message,
    dateCreated: (when && !Number.isNaN(when.getTime()) ? when : releaseCreatedAt).toISOString(),
    pullRequest: null,
    suspectCommitType: "",
    repository: commit.repository === null ? {} : serializeRepository(commit.repository, releaseCreatedAt),
    author: commitAuthor(commit) ?? {},
  };
}
