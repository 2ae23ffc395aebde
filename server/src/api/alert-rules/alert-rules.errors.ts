/** What went wrong in the alert-rules service, in its own words; the router maps codes to statuses. */
export class AlertRulesError extends Error {
  override readonly name = "AlertRulesError";
  readonly retryAfterSeconds: number | undefined;
  readonly limit: "rule" | "user" | undefined;
  constructor(
    readonly code: "invalid" | "not_found" | "throttled" | "unavailable",
    readonly detail: string,
    options: { cause?: unknown; retryAfterSeconds?: number; limit?: "rule" | "user" } = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.limit = options.limit;
  }
}
