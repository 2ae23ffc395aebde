import { createHash } from "node:crypto";
import type { NormalizedEvent } from "../event/types";
import { crashFrame, defaultComponents } from "./default-components";
import { findMatchingRule } from "./rules/apply-fingerprint-rules";
import type { FingerprintRule } from "./rules/types";

/** Bumped whenever a change would move existing events to different groups. */
export const GROUPING_VERSION = "faultline:2026-11";

const DEFAULT = Symbol("default");
const VARIABLE = /^\{\{\s*(\S+?)\s*\}\}$/;

export interface GroupingResult {
  /** Hashes to look the issue up by; the first is the primary one used for a new issue. */
  hashes: string[];
  /** The values that went into the primary hash, for debugging ("why did these group?"). */
  components: string[];
  /** The fingerprint that was applied (before variables were resolved). */
  fingerprint: string[];
  /** The project rule that replaced the SDK's fingerprint, if one matched. */
  rule?: FingerprintRule;
}

export interface GroupingOptions {
  /** Project fingerprint rules; the first match replaces the SDK's fingerprint (§7.9). */
  fingerprintRules?: readonly FingerprintRule[];
}

/**
 * Sentry's grouping (sentry-protocol.md §7.11): the SDK fingerprint with `{{ default }}`
 * expanded into the default components of each contributing variant.
 */
export function computeGrouping(
  event: NormalizedEvent,
  fingerprintOverride?: string[],
  options: GroupingOptions = {},
): GroupingResult {
  const rule = fingerprintOverride ? undefined : findMatchingRule(event, options.fingerprintRules ?? []);
  const fingerprint =
    fingerprintOverride ?? rule?.fingerprint ?? (event.fingerprint?.length ? event.fingerprint : ["{{ default }}"]);
  const base = { fingerprint, ...(rule ? { rule } : {}) };
  const resolved = fingerprint.map((entry) => resolveVariable(entry, event));

  if (!resolved.includes(DEFAULT)) {
    const values = resolved as string[];
    return { ...base, hashes: [md5(values)], components: values };
  }
  const variants = defaultComponents(event);
  const hashes: string[] = [];
  let components: string[] | undefined;
  for (const name of ["app", "system", "default"] as const) {
    const leaves = variants[name];
    if (!leaves) continue;
    const values =
      resolved.length === 1 && resolved[0] === DEFAULT
        ? leaves
        : resolved.flatMap((entry) => (entry === DEFAULT ? leaves : [entry]));
    const hash = md5(values);
    if (!hashes.includes(hash)) hashes.push(hash);
    components ??= values;
  }
  if (hashes.length === 0) {
    const values = resolved.filter((entry): entry is string => entry !== DEFAULT);
    return { ...base, hashes: [md5(values)], components: values };
  }
  return { ...base, hashes, components: components ?? [] };
}

/** The values hashed back to back (one update of their concatenation: the same digest, one native call). */
function md5(values: string[]): string {
  return createHash("md5").update(values.join(""), "utf8").digest("hex");
}

function resolveVariable(entry: string, event: NormalizedEvent): string | typeof DEFAULT {
  const match = VARIABLE.exec(entry.trim());
  if (!match?.[1]) return entry;
  const name = match[1].toLowerCase();
  // The common case, before the crash frame is looked up for the other variables.
  if (name === "default") return DEFAULT;
  const exception = event.exception?.values.at(-1);
  const frame = crashFrame(event);
  switch (name) {
    case "transaction":
      return event.transaction ?? "<no-transaction>";
    case "message":
      return event.logentry?.formatted ?? event.logentry?.message ?? exception?.value ?? "<no-message>";
    case "type":
    case "error.type":
      return exception?.type ?? "<no-type>";
    case "value":
    case "error.value":
      return exception?.value ?? "<no-value>";
    case "function":
    case "stack.function":
      return frame?.function ?? "<no-function>";
    case "path":
    case "stack.abs_path":
      return frame?.abs_path ?? frame?.filename ?? "<no-abs-path>";
    case "stack.filename":
      return frame?.filename ?? frame?.abs_path ?? "<no-filename>";
    case "module":
    case "stack.module":
      return frame?.module ?? "<no-module>";
    case "package":
    case "stack.package":
      return frame?.package?.split(/[/\\]/).pop() ?? "<no-package>";
    case "level":
      return event.level;
    case "logger":
      return event.logger ?? "<no-logger>";
    default:
      if (name.startsWith("tags.")) {
        const key = match[1].slice(5);
        return event.tags.find(([tag]) => tag === key)?.[1] ?? `<no-value-for-tag-${key}>`;
      }
      return `<unrecognized-variable-${name}>`;
  }
}
