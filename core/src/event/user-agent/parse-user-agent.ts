import { uapPatterns, type UapPattern } from "./uap-regexes";

/** What uap-core's three parser lists make of a User-Agent; "Other" families are left out. */
export interface ParsedUserAgent {
  browser?: { family: string; major?: string; minor?: string; patch?: string };
  os?: { family: string; major?: string; minor?: string; patch?: string };
  device?: { family: string; brand?: string; model?: string };
}

/**
 * Longer User-Agents are cut before parsing: real ones stay far below this, and the cut bounds
 * the work a hostile header can cause across the ~1,200 patterns (see user-agent.linearity.test.ts).
 */
export const MAX_USER_AGENT_LENGTH = 512;

/** A browser's events repeat its User-Agent; remembering the last few spares the ~1,200 patterns. */
const RECENT_LIMIT = 256;
const recent = new Map<string, ParsedUserAgent>();

/** Parses one User-Agent header (see parseUserAgentUncached), remembering recent answers. */
export function parseUserAgent(header: string): ParsedUserAgent {
  const userAgent = header.slice(0, MAX_USER_AGENT_LENGTH);
  const known = recent.get(userAgent);
  if (known) return known;
  const parsed = parseUserAgentUncached(userAgent);
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(userAgent, parsed);
  return parsed;
}

/** Parses one User-Agent header the way uap-core's specification (and Relay) reads its patterns. */
export function parseUserAgentUncached(header: string): ParsedUserAgent {
  const userAgent = header.slice(0, MAX_USER_AGENT_LENGTH);
  const patterns = uapPatterns();
  const parsed: ParsedUserAgent = {};
  const browser = firstMatch(patterns.userAgent, userAgent);
  if (browser) {
    const [pattern, groups] = browser;
    const family = field(pattern, groups, "family_replacement", 1);
    if (family) parsed.browser = versioned(family, pattern, groups, ["v1", "v2", "v3"]);
  }
  const os = firstMatch(patterns.os, userAgent);
  if (os) {
    const [pattern, groups] = os;
    const family = field(pattern, groups, "os_replacement", 1);
    if (family) parsed.os = versioned(family, pattern, groups, ["os_v1", "os_v2", "os_v3"]);
  }
  const device = firstMatch(patterns.device, userAgent);
  if (device) {
    const [pattern, groups] = device;
    const family = field(pattern, groups, "device_replacement", 1);
    if (family) {
      parsed.device = { family };
      const brand = field(pattern, groups, "brand_replacement", undefined);
      const model = field(pattern, groups, "model_replacement", 1);
      if (brand) parsed.device.brand = brand;
      if (model) parsed.device.model = model;
    }
  }
  return parsed;
}

type Groups = RegExpExecArray;

function firstMatch(patterns: UapPattern[], userAgent: string): [UapPattern, Groups] | undefined {
  for (const pattern of patterns) {
    const groups = pattern.regex.exec(userAgent);
    if (groups) return [pattern, groups];
  }
  return undefined;
}

function versioned(
  family: string,
  pattern: UapPattern,
  groups: Groups,
  prefixes: [string, string, string],
): { family: string; major?: string; minor?: string; patch?: string } {
  const out: { family: string; major?: string; minor?: string; patch?: string } = { family };
  const [major, minor, patch] = prefixes.map((prefix, index) =>
    field(pattern, groups, `${prefix}_replacement`, index + 2),
  );
  if (major) out.major = major;
  if (minor) out.minor = minor;
  if (patch) out.patch = patch;
  return out;
}

/**
 * A field is its replacement template with `$1`...`$9` filled in, or else the capture group of
 * its position; blank results count as absent and "Other" is uap-core's "unknown".
 */
function field(
  pattern: UapPattern,
  groups: Groups,
  replacement: string,
  group: number | undefined,
): string | undefined {
  const template = pattern.replacements[replacement];
  const value =
    template !== undefined
      ? template.replace(/\$(\d)/g, (_whole, digit: string) => groups[Number(digit)] ?? "")
      : group !== undefined
        ? groups[group]
        : undefined;
  const text = value?.trim();
  return text && text !== "Other" ? text : undefined;
}
