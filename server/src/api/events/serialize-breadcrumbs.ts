import type { ApiBreadcrumb } from "@faultline/core";
import { list, nonEmptyRecord, record, text, type Json } from "./json";

/** SDKs send seconds since the epoch (a number) or an ISO string; the API answers ISO 8601. */
function isoTime(value: unknown): string | null {
  let date: Date | undefined;
  if (typeof value === "number" && Number.isFinite(value)) date = new Date(value * 1000);
  else if (typeof value === "string" && value.trim() !== "") {
    const seconds = Number(value);
    date = Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date(value);
  }
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

function serializeBreadcrumb(crumb: Json): ApiBreadcrumb {
  return {
    type: text(crumb.type) || "default",
    timestamp: isoTime(crumb.timestamp),
    level: text(crumb.level) || "info",
    message: text(crumb.message),
    category: text(crumb.category),
    data: nonEmptyRecord(crumb.data),
    event_id: text(crumb.event_id),
  };
}

/** Sentry's `Breadcrumbs.get_api_context`: oldest first, every field present. */
export function serializeBreadcrumbs(value: unknown): { values: ApiBreadcrumb[] } | null {
  const values = list(record(value)?.values).flatMap((item) => {
    const found = record(item);
    return found ? [serializeBreadcrumb(found)] : [];
  });
  return values.length > 0 ? { values } : null;
}
