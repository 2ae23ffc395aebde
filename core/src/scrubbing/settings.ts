export interface ScrubSettings {
  /** The data scrubber as a whole ("Data Scrubber" in Sentry's settings). */
  enabled: boolean;
  /** Sentry's built-in key names and value patterns ("Use Default Scrubbers"). */
  useDefaults: boolean;
  /** Extra key names (substrings, case-insensitive) whose values are filtered. */
  sensitiveFields: string[];
  /**
   * Never filtered: a key name (`order_token`) or a dotted path from the event root
   * (`extra.order_token`, `request.headers.x-api-key`), case-insensitive.
   */
  safeFields: string[];
  scrubIpAddresses: boolean;
  scrubEmails: boolean;
}

export const DEFAULT_SCRUB_SETTINGS: ScrubSettings = {
  enabled: true,
  useDefaults: true,
  sensitiveFields: [],
  safeFields: [],
  scrubIpAddresses: false,
  scrubEmails: false,
};
