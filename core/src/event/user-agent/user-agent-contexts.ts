import { isRecord } from "../coerce";
import type { JsonRecord } from "../types";
import { parseUserAgent, type ParsedUserAgent } from "./parse-user-agent";
import { browserFromClientHints, headerValues, type UserAgentHeaders } from "./client-hints";

/**
 * Relay's user-agent normalization: browser, os and device contexts derived from the request's
 * `User-Agent` (or its client hints), each only when the SDK did not send that context itself.
 * The os context of a non-browser event (a server SDK reporting the request it handled) goes to
 * `client_os`, so it never hides the server's own `os`.
 */
export function addUserAgentContexts(
  contexts: Record<string, unknown>,
  request: JsonRecord | undefined,
  platform: string,
): void {
  const headers = headerValues(request?.headers);
  if (!headers.userAgent && !headers.secChUa && !headers.secChUaPlatform && !headers.secChUaModel) return;
  let parsed: ParsedUserAgent | undefined;
  const fromUserAgent = (): ParsedUserAgent => {
    parsed ??= headers.userAgent ? parseUserAgent(headers.userAgent) : {};
    return parsed;
  };

  if (contexts.browser === undefined) {
    const browser = browserFromHeaders(headers, fromUserAgent);
    if (browser) contexts.browser = browser;
  }
  if (contexts.device === undefined) {
    const device = deviceFromHeaders(headers, fromUserAgent);
    if (device) contexts.device = device;
  }
  const osKey = platform === "javascript" ? "os" : "client_os";
  if (contexts[osKey] === undefined) {
    const os = osFromHeaders(headers, fromUserAgent);
    if (os) contexts[osKey] = os;
  }
}

function browserFromHeaders(headers: UserAgentHeaders, parse: () => ParsedUserAgent): JsonRecord | undefined {
  const hinted = headers.secChUa ? browserFromClientHints(headers.secChUa) : undefined;
  if (hinted) return { name: hinted.name, version: hinted.version, type: "browser" };
  const browser = parse().browser;
  if (!browser) return undefined;
  const version = joinVersion(browser.major, browser.minor, browser.patch);
  return { name: browser.family, ...(version ? { version } : {}), type: "browser" };
}

function deviceFromHeaders(headers: UserAgentHeaders, parse: () => ParsedUserAgent): JsonRecord | undefined {
  const model = headers.secChUaModel?.trim().replaceAll('"', "");
  if (model) return { model, type: "device" };
  const device = parse().device;
  if (!device) return undefined;
  return {
    family: device.family,
    ...(device.model ? { model: device.model } : {}),
    ...(device.brand ? { brand: device.brand } : {}),
    type: "device",
  };
}

function osFromHeaders(headers: UserAgentHeaders, parse: () => ParsedUserAgent): JsonRecord | undefined {
  const platform = headers.secChUaPlatform?.trim().replaceAll('"', "");
  if (platform) {
    const version = headers.secChUaPlatformVersion?.trim().replaceAll('"', "");
    return { name: platform, ...(version !== undefined ? { version } : {}), type: "os" };
  }
  const os = parse().os;
  if (!os) return undefined;
  let version = joinVersion(os.major, os.minor, os.patch);
  // User-Agents froze at Windows 10 and macOS 10.15.7, so Relay marks those as "at least".
  if ((os.family === "Windows" && version === "10") || (os.family === "Mac OS X" && version === "10.15.7")) {
    version = `>=${version}`;
  }
  return { name: os.family, ...(version ? { version } : {}), type: "os" };
}

/** `major[.minor[.patch]]`, Relay's `get_version`: a patch without a minor is dropped. */
function joinVersion(major?: string, minor?: string, patch?: string): string | undefined {
  if (!major) return undefined;
  if (!minor) return major;
  return patch ? `${major}.${minor}.${patch}` : `${major}.${minor}`;
}

/** Relay's computed `browser` / `os` fields ("Chrome 120.0.0"), which Sentry's tags read. */
export function addComputedContextFields(contexts: Record<string, unknown>): void {
  for (const [key, context] of Object.entries(contexts)) {
    if (!isRecord(context)) continue;
    const type = typeof context.type === "string" ? context.type : key;
    if (type !== "browser" && type !== "os") continue;
    if (context[type] !== undefined || typeof context.name !== "string" || context.name === "") continue;
    const version = typeof context.version === "string" && context.version !== "" ? context.version : undefined;
    context[type] = version ? `${context.name} ${version}` : context.name;
  }
}
