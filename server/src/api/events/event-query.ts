import { tokenize, type SearchToken } from "@faultline/core";
import { Prisma } from "@faultline/db";

/** Keys read from the event's own columns rather than its tags. */
const COLUMNS: Record<string, Prisma.Sql> = {
  release: Prisma.sql`e.release`,
  environment: Prisma.sql`e.environment`,
  level: Prisma.sql`e.level`,
};
/** `user.email:a@b.c` etc.: the event's `user` object (whatever its `user` tag was built from). */
const USER_FIELDS: Record<string, string> = {
  "user.id": "id",
  "user.email": "email",
  "user.username": "username",
  "user.ip": "ip_address",
};

/** `*` is a wildcard, as in Sentry; LIKE's own `%`, `_` and `\` match themselves. */
function likePattern(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`).replace(/\*/g, "%");
}

function valueMatch(column: Prisma.Sql, value: string): Prisma.Sql {
  return value.includes("*") ? Prisma.sql`${column} LIKE ${likePattern(value)}` : Prisma.sql`${column} = ${value}`;
}

function tokenCondition(token: SearchToken): Prisma.Sql {
  const { key, values } = token;
  if (key === undefined) {
    // Free text: the message or title, or the start of the event id.
    const text = values[0] ?? "";
    const pattern = `%${likePattern(text)}%`;
    return Prisma.sql`(e.message ILIKE ${pattern} OR e.title ILIKE ${pattern}
      OR replace(e.event_id::text, '-', '') LIKE ${`${likePattern(text.replace(/-/g, "").toLowerCase())}%`})`;
  }
  if (key === "has") {
    return Prisma.join(
      values.map((tag) => Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements(e.tags) t WHERE t->>0 = ${tag})`),
      " OR ",
      "(",
      ")",
    );
  }
  const any = (match: (value: string) => Prisma.Sql) => Prisma.join(values.map(match), " OR ", "(", ")");
  if (key === "message") return any((value) => Prisma.sql`e.message ILIKE ${`%${likePattern(value)}%`}`);
  if (key === "id" || key === "event.id") {
    return any((value) => Prisma.sql`replace(e.event_id::text, '-', '') = ${value.replace(/-/g, "").toLowerCase()}`);
  }
  const column = COLUMNS[key];
  if (column) return any((value) => valueMatch(column, value));
  const userField = USER_FIELDS[key];
  if (userField) return any((value) => valueMatch(Prisma.sql`(e.data->'user'->>${userField})`, value));
  // Any other key is a tag, `browser:Chrome` or `user:id:u2`.
  return any((value) =>
    value.includes("*")
      ? Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements(e.tags) t
          WHERE t->>0 = ${key} AND t->>1 LIKE ${likePattern(value)})`
      : Prisma.sql`e.tags @> ${JSON.stringify([[key, value]])}::jsonb`,
  );
}

/**
 * Sentry's event search for one issue's events (`?query=browser:Chrome !environment:staging
 * timeout`): tags, `release`, `environment`, `level`, `user.*`, `message`, `id`, `has:`, `*`
 * wildcards, `!` negation, `[a, b]` lists and free text. Empty or absent: every event.
 */
export function eventQueryCondition(query: string | undefined): Prisma.Sql {
  const tokens = tokenize(query ?? "");
  if (tokens.length === 0) return Prisma.sql`TRUE`;
  return Prisma.join(
    tokens.map((token) => {
      const condition = tokenCondition(token);
      return token.negated ? Prisma.sql`NOT COALESCE(${condition}, FALSE)` : condition;
    }),
    " AND ",
  );
}
