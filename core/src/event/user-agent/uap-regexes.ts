import { readFileSync } from "node:fs";
import type * as Yaml from "js-yaml";
import { isRecord } from "../coerce";

/**
 * uap-core's `regexes.yaml`: the user-agent patterns Relay (through the `uaparser` crate) turns
 * into browser, os and device contexts, so the names match Sentry's ("Chrome", "Mac OS X",
 * "Samsung SM-S911B"). Read and compiled once, on the first event that carries a User-Agent.
 */
export interface UapPattern {
  regex: RegExp;
  /** Replacement templates by uap-core's field names (`family_replacement`, `os_v1_replacement`...). */
  replacements: Record<string, string>;
}

export interface UapPatterns {
  userAgent: UapPattern[];
  os: UapPattern[];
  device: UapPattern[];
}

let cached: UapPatterns | undefined;

export function uapPatterns(): UapPatterns {
  cached ??= loadPatterns();
  return cached;
}

function loadPatterns(): UapPatterns {
  // Required here, not at the top: the YAML parser is only needed this once, and the server
  // (which loads this package but parses no user agents) keeps 25 modules and 6 MB fewer.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { load } = require("js-yaml") as typeof Yaml;
  const file = require.resolve("uap-core/regexes.yaml");
  const document = load(readFileSync(file, "utf8"));
  if (!isRecord(document)) throw new Error("uap-core regexes.yaml is not a mapping");
  return {
    userAgent: compileList(document.user_agent_parsers),
    os: compileList(document.os_parsers),
    device: compileList(document.device_parsers),
  };
}

function compileList(raw: unknown): UapPattern[] {
  if (!Array.isArray(raw)) throw new Error("uap-core regexes.yaml lacks a parser list");
  const patterns: UapPattern[] = [];
  for (const entry of raw) {
    if (!isRecord(entry) || typeof entry.regex !== "string") continue;
    const replacements: Record<string, string> = {};
    for (const [key, value] of Object.entries(entry)) {
      if (key.endsWith("_replacement") && (typeof value === "string" || typeof value === "number")) {
        replacements[key] = String(value);
      }
    }
    patterns.push({ regex: new RegExp(entry.regex, entry.regex_flag === "i" ? "i" : ""), replacements });
  }
  return patterns;
}
