import { asRecord, asString, displayValue } from "./values";

/** A breadcrumb as the timeline draws it, read defensively from the event's JSON. */
export interface CrumbView {
  level: string;
  category: string;
  message: string | undefined;
  timestamp: unknown;
  data: Record<string, unknown> | undefined;
}

export function toCrumbView(raw: unknown): CrumbView {
  const crumb = asRecord(raw) ?? {};
  return {
    level: asString(crumb.level) ?? "info",
    category: asString(crumb.category) ?? asString(crumb.type) ?? "default",
    message: asString(crumb.message),
    timestamp: crumb.timestamp,
    data: asRecord(crumb.data),
  };
}

export interface CrumbFilter {
  text: string;
  category: string;
  level: string;
}

export const NO_FILTER: CrumbFilter = { text: "", category: "", level: "" };

/** Case-insensitive text over message, category and data; category and level match exactly. */
export function matchesCrumb(crumb: CrumbView, filter: CrumbFilter): boolean {
  if (filter.category && crumb.category !== filter.category) return false;
  if (filter.level && crumb.level !== filter.level) return false;
  const text = filter.text.trim().toLowerCase();
  if (!text) return true;
  const haystack = [crumb.message ?? "", crumb.category, crumb.data ? displayValue(crumb.data) : ""].join("\n");
  return haystack.toLowerCase().includes(text);
}

/** The distinct values of one field, in order of first appearance, for the filter's choices. */
export function distinct(crumbs: CrumbView[], field: "category" | "level"): string[] {
  return [...new Set(crumbs.map((crumb) => crumb[field]))];
}
