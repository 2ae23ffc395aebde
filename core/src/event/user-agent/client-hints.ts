import { isRecord } from "../coerce";

export interface UserAgentHeaders {
  userAgent?: string;
  secChUa?: string;
  secChUaPlatform?: string;
  secChUaPlatformVersion?: string;
  secChUaModel?: string;
}

const HEADER_FIELDS: Record<string, keyof UserAgentHeaders> = {
  "user-agent": "userAgent",
  "sec-ch-ua": "secChUa",
  "sec-ch-ua-platform": "secChUaPlatform",
  "sec-ch-ua-platform-version": "secChUaPlatformVersion",
  "sec-ch-ua-model": "secChUaModel",
};

/** The User-Agent and client-hint headers of a normalized request (pairs), matched without case. */
export function headerValues(headers: unknown): UserAgentHeaders {
  const out: UserAgentHeaders = {};
  const pairs = Array.isArray(headers) ? headers : isRecord(headers) ? Object.entries(headers) : [];
  for (const pair of pairs) {
    if (!Array.isArray(pair)) continue;
    const [name, value] = pair as unknown[];
    if (typeof name !== "string" || typeof value !== "string") continue;
    const field = HEADER_FIELDS[name.toLowerCase()];
    if (field) out[field] = value;
  }
  return out;
}

const BRAND = /"([^"]*)";v="([^"]*)"/;

/**
 * The browser in `Sec-CH-UA` (`"Not_A Brand";v="99", "Google Chrome";v="109", "Chromium";v="109"`):
 * the first entry that is neither a fake brand nor an engine, as Relay picks it.
 */
export function browserFromClientHints(header: string): { name: string; version: string } | undefined {
  for (const item of header.split(",")) {
    if (["Brand", "Chromium", "Gecko", "WebKit"].some((word) => item.includes(word))) continue;
    const match = BRAND.exec(item);
    if (!match) return undefined;
    const name = match[1] ?? "";
    const version = match[2] ?? "";
    if (name.trim() === "" || version.trim() === "") return undefined;
    return { name, version };
  }
  return undefined;
}
