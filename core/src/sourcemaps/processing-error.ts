/**
 * Sentry's event processing errors for JavaScript (the event's `errors` array): the frame is
 * kept as it came, and the dashboard says why it is not readable.
 */
export type JsProcessingErrorType =
  | "js_no_source"
  | "js_invalid_source"
  | "js_too_large"
  | "js_missing_sources_content"
  | "js_invalid_sourcemap_location";

export interface JsProcessingError {
  type: JsProcessingErrorType;
  url: string;
}
