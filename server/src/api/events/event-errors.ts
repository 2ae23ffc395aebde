import type { ApiEventError } from "@faultline/core";
import { list, record, text } from "./json";

/** Sentry's `EventError._messages` for the types Faultline records. */
const MESSAGES: Record<string, string> = {
  unknown_error: "Unknown error",
  invalid_data: "Discarded invalid value",
  invalid_attribute: "Discarded unknown attribute",
  missing_attribute: "Missing value for required attribute",
  value_too_long: "Discarded value due to exceeding maximum length",
  future_timestamp: "Invalid timestamp (in future)",
  past_timestamp: "Invalid timestamp (too old)",
  clock_drift: "Clock drift detected in SDK",
  invalid_environment: 'Environment cannot contain "/" or newlines',
  js_no_source: "Source code was not found",
  js_invalid_source: "Sourcemap was invalid or not parseable",
  js_too_large: "Remote file too large for caching",
  js_missing_sources_content: "Source code was not found in the source map",
  js_invalid_sourcemap_location: "Location from stackframe mapped to an invalid location in original code",
  js_no_column: "Cannot apply sourcemap because stacktrace frame is missing column information",
  js_scraping_disabled: "Web scraping is disabled",
};

/**
 * Sentry hides trims of breadcrumbs, extra, tags and frames (its `should_display_error`): they are
 * routine and would drown the rest.
 */
function shouldDisplay(name: unknown): boolean {
  if (typeof name !== "string") return true;
  return !/^(breadcrumbs|extra|tags)\./.test(name) && !name.includes(".frames.");
}

/** The event's `errors` as `{type, message, data}`, `data` holding every other field of the note. */
export function serializeEventErrors(value: unknown): ApiEventError[] {
  return list(value).flatMap((item) => {
    const error = record(item);
    const type = text(error?.type);
    if (!error || !type || !shouldDisplay(error.name)) return [];
    const { type: _type, ...data } = error;
    return [{ type, message: MESSAGES[type] ?? MESSAGES.unknown_error!, data }];
  });
}
