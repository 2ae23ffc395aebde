import type { ApiRequest } from "@faultline/core";
import { list, nonEmptyRecord, record, text } from "./json";

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

function headerValue(headers: unknown[], name: string): string | null {
  for (const pair of headers) {
    if (Array.isArray(pair) && typeof pair[0] === "string" && pair[0].toLowerCase() === name) return text(pair[1]);
  }
  return null;
}

/**
 * Relay's `inferred_content_type`: from the body when it reads as JSON or a form, else the
 * Content-Type header without its parameters.
 */
export function inferContentType(body: unknown, headers: unknown[]): string | null {
  if (body !== null && typeof body === "object") return JSON_TYPE;
  if (typeof body === "string" && body.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed !== null && typeof parsed === "object") return JSON_TYPE;
    } catch {
      // Not JSON: maybe a form.
    }
    if (/^[^=&\s]+=[^&\s]*(&[^=&\s]+=[^&\s]*)*$/.test(body.trim())) return FORM_TYPE;
  }
  const header = headerValue(headers, "content-type");
  return header ? (header.split(";")[0]?.trim() ?? null) || null : null;
}

/** Sentry's `Http.get_api_context`: the stored request with `query_string` as `query`. */
export function serializeRequest(value: unknown): ApiRequest | null {
  const request = record(value);
  if (!request) return null;
  const headers = list(request.headers);
  const body = request.data ?? null;
  return {
    method: text(request.method),
    url: text(request.url),
    query: list(request.query_string),
    fragment: text(request.fragment),
    data: body,
    headers,
    cookies: list(request.cookies),
    env: nonEmptyRecord(request.env),
    inferredContentType: text(request.inferred_content_type) ?? inferContentType(body, headers),
    apiTarget: text(request.api_target),
  };
}
