import { deriveEventFields, normalizeEventFields, type NormalizeContext } from "../event/normalize-event";
import type { NormalizedEvent } from "../event/types";
import { computeGrouping, GROUPING_VERSION } from "../grouping/fingerprint";
import type { FingerprintRule } from "../grouping/rules/types";
import { DEFAULT_SCRUB_SETTINGS, scrubEvent, type ScrubSettings } from "../scrubbing/scrub-event";

export interface PreparedEvent {
  event: NormalizedEvent;
  hashes: string[];
  groupingVersion: string;
}

export interface PrepareOptions {
  scrub?: ScrubSettings;
  /** The project's parsed fingerprint rules (see parseFingerprintRules). */
  fingerprintRules?: readonly FingerprintRule[];
}

/**
 * The pure part of processing: normalize, scrub (before anything can be stored), derive, then
 * group. Title, culprit, metadata and promoted tags are derived from the scrubbed fields, and
 * grouping runs on the scrubbed event, so neither holds nor hashes data we promised to drop.
 */
export function prepareEvent(
  raw: Record<string, unknown>,
  context: NormalizeContext,
  options: PrepareOptions = {},
): PreparedEvent {
  return prepareNormalizedEvent(normalizeEventFields(raw, context), options);
}

/**
 * Scrub, derive and group an event's normalized fields (normalizeEventFields: nothing derived
 * yet). The worker symbolicates JavaScript frames between normalizing and this step, so issues
 * are grouped, and culprits named, on the original frames.
 */
export function prepareNormalizedEvent(fields: NormalizedEvent, options: PrepareOptions = {}): PreparedEvent {
  const event = deriveEventFields(scrubEvent(fields, options.scrub ?? DEFAULT_SCRUB_SETTINGS));
  const { hashes } = computeGrouping(event, undefined, { fingerprintRules: options.fingerprintRules ?? [] });
  return { event, hashes, groupingVersion: GROUPING_VERSION };
}
