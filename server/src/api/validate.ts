import { INT4_MAX, parseInt4Id } from "@faultline/core";
import type { z } from "zod";
import { badRequest } from "./api-error";

/** Parses a body (or query) with its schema; a failure is a 400 naming the field. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw badRequest(`${where}${issue?.message ?? "invalid request body"}`);
}

/** A query parameter as one string (the first if repeated). */
export function queryString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return undefined;
}

/** A query parameter as a list (`?id=1&id=2`). */
export function queryList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

/**
 * `?project=1&project=2`: project ids to narrow a list to; empty (or Sentry's `-1`) means every
 * project. Anything that is not a project id is a 400, never a query that cannot run.
 */
export function projectIdsParam(value: unknown): number[] {
  const raw = queryList(value);
  if (raw.includes("-1")) return [];
  return raw.map((text) => {
    const id = parseInt4Id(text);
    if (id === undefined) throw badRequest(`project: "${text}" is not a project id (1 to ${INT4_MAX}, or -1 for all)`);
    return id;
  });
}
