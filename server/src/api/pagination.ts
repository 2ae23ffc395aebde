import { INT4_MAX, MAX_DATE_MS, parseInt4Count, parseInt8 } from "@faultline/core";
import type { Request, Response } from "express";
import { badRequest } from "./api-error";
import { queryString } from "./validate";

/**
 * Sentry's cursor pagination: `?cursor=<value>:<position>:<is_prev>` and a `Link` header with
 * `rel="previous"` and `rel="next"`, each with `results="true|false"`. Faultline's cursors are
 * keyset positions (the sort value and the id of the row to continue after), so a walk sees every
 * row exactly once even while rows are added.
 */
export interface Cursor {
  value: string;
  id: string;
  isPrev: boolean;
}

export function parseCursor(req: Request): Cursor | undefined {
  const raw = queryString(req.query.cursor);
  if (raw === undefined || raw === "") return undefined;
  const match = /^(-?\d{1,20}):(\d{1,20}):([01])$/.exec(raw);
  if (!match) throw badRequest(`cursor: malformed cursor "${raw}"`);
  // Positions are epoch milliseconds or counts, ids bigint row ids (0 on an empty page's links):
  // both must fit what the queries compare them with (a Date, a bigint column).
  const value = parseInt8(match[1]!);
  const id = parseInt8(match[2]!);
  if (value === undefined || value < 0n || value > BigInt(MAX_DATE_MS) || id === undefined)
    throw badRequest(`cursor: position out of range in "${raw}"`);
  return { value: match[1]!, id: match[2]!, isPrev: match[3] === "1" };
}

/** The row offset of an offset cursor (`0:<offset>:0`, releases and users). */
export function cursorOffset(cursor: Cursor | undefined): number {
  if (cursor === undefined) return 0;
  const offset = parseInt4Count(cursor.id);
  if (offset === undefined) throw badRequest(`cursor: offset above ${INT4_MAX}`);
  return offset;
}

export function formatCursor(value: string | number | bigint, id: string | number | bigint, isPrev: boolean): string {
  return `${value}:${id}:${isPrev ? 1 : 0}`;
}

export function pageSize(req: Request, fallback = 25, max = 100): number {
  const raw = queryString(req.query.per_page ?? req.query.limit);
  if (raw === undefined) return fallback;
  const size = parseInt4Count(raw);
  if (size === undefined || size < 1 || size > max) throw badRequest(`per_page: between 1 and ${max}`);
  return size;
}

export interface PageLinks {
  prev: string;
  hasPrev: boolean;
  next: string;
  hasNext: boolean;
}

export function setLinkHeader(req: Request, res: Response, publicUrl: string, links: PageLinks): void {
  const origin = new URL(publicUrl);
  const url = new URL(req.originalUrl, origin.origin);
  const link = (cursor: string, rel: string, results: boolean) => {
    url.searchParams.set("cursor", cursor);
    return `<${url.toString()}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
  };
  res.setHeader("Link", `${link(links.prev, "previous", links.hasPrev)}, ${link(links.next, "next", links.hasNext)}`);
}

/**
 * Given rows fetched with one extra (limit + 1) in the walking direction, returns the page in
 * display order and its links. `key` gives a row's cursor value and id.
 */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  cursor: Cursor | undefined,
  key: (row: T) => [string | number | bigint, string | number | bigint],
): { page: T[]; links: PageLinks } {
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (cursor?.isPrev) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = cursor?.isPrev ? true : more;
  const hasPrev = cursor?.isPrev ? more : cursor !== undefined;
  const [firstValue, firstId] = first ? key(first) : [cursor?.value ?? "0", cursor?.id ?? "0"];
  const [lastValue, lastId] = last ? key(last) : [cursor?.value ?? "0", cursor?.id ?? "0"];
  return {
    page,
    links: {
      prev: formatCursor(firstValue, firstId, true),
      hasPrev: hasPrev && page.length > 0,
      next: formatCursor(lastValue, lastId, false),
      hasNext: hasNext && page.length > 0,
    },
  };
}
