/** What went wrong in the alert-rules service, in its own words; the router maps codes to statuses. */
export class AlertRulesError extends Error {
  override readonly name = "AlertRulesError";
  constructor(
    readonly code: "invalid" | "not_found",
    readonly detail: string,
  ) {
    super(detail);
  }
}
