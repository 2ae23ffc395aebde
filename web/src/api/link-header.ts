/** Sentry's pagination: `Link: <url>; rel="previous"; results="false"; cursor="..."`, twice. */
export interface PageCursors {
  previous?: string;
  next?: string;
}

export function parseLinkHeader(header: string | null): PageCursors {
  const cursors: PageCursors = {};
  if (!header) return cursors;
  for (const part of header.split(/,\s*(?=<)/)) {
    const rel = /rel="(previous|next)"/.exec(part)?.[1];
    const results = /results="(true|false)"/.exec(part)?.[1];
    const cursor = /cursor="([^"]*)"/.exec(part)?.[1];
    if (rel && results === "true" && cursor) cursors[rel as keyof PageCursors] = cursor;
  }
  return cursors;
}
