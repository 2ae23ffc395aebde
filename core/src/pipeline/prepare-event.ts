import { normalizeEvent, type NormalizeContext } from "../event/normalize-event";
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
 * The pure part of processing: normalize, scrub (before anything can be stored), then group.
 * Grouping runs on the scrubbed event so hashes never encode data we promised to drop.
 */
export function prepareEvent(
  raw: Record<string, unknown>,
  context: NormalizeContext,
  options: PrepareOptions = {},
): PreparedEvent {
  return prepareNormalizedEvent(normalizeEvent(raw, context), options);
}

/**
 * Scrub and group an already normalized event. The worker symbolicates JavaScript frames
 * between normalizing and this step, so issues are grouped on the original frames.
 */
export function prepareNormalizedEvent(normalized: NormalizedEvent, options: PrepareOptions = {}): PreparedEvent {
  const event = scrubEvent(normalized, options.scrub ?? DEFAULT_SCRUB_SETTINGS);
  const { hashes } = computeGrouping(event, undefined, { fingerprintRules: options.fingerprintRules ?? [] });
  return { event, hashes, groupingVersion: GROUPING_VERSION };
}
