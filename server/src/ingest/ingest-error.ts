/** A refusal an SDK should see: status plus the `detail` text Relay would send. */
export class IngestError extends Error {
  override readonly name = "IngestError";
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    /** The underlying failure, for the log (never shown to the client). */
    override readonly cause?: unknown,
  ) {
    super(detail);
  }
}
