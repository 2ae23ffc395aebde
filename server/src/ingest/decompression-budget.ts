import { IngestError } from "./ingest-error";

const MiB = 1024 * 1024;

/** INGEST_DECOMPRESSION_BUDGET_MB's default: see config.ts for why. */
export const DEFAULT_DECOMPRESSION_BUDGET_BYTES = 128 * MiB;

/** How long a refused sender should wait: bombs are cut within a second or two. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * One process-wide cap on the bytes held by compressed request bodies while they are read and
 * inflated: the compressed bytes received plus the inflated bytes produced, per request, until
 * its body is handed on (or refused). Per-request limits bound one request; this bounds them all
 * together, so concurrent decompression bombs cost at most the budget, never the machine.
 *
 * When a charge would take the total over the budget, the request holding the most is refused
 * with 503 and `Retry-After` — usually the bomb, so small ordinary events keep getting through
 * while large bodies are cut. A request that alone needs more than the whole budget gets 413:
 * retrying could never help it.
 */
export class DecompressionBudget {
  private inFlight = 0;
  private readonly charges = new Set<BudgetCharge>();

  constructor(private maxBytes: number = DEFAULT_DECOMPRESSION_BUDGET_BYTES) {}

  get limitBytes(): number {
    return this.maxBytes;
  }

  get bytesInFlight(): number {
    return this.inFlight;
  }

  /** Set once at start-up from INGEST_DECOMPRESSION_BUDGET_MB (and by tests). */
  resize(maxBytes: number): void {
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new RangeError("the budget must be a positive integer");
    this.maxBytes = maxBytes;
  }

  /**
   * A charge for one request's body. `onRefused` is called when another request's charge
   * pushes the total over and this one holds the most: it must stop reading and answer with
   * the error it is given.
   */
  open(onRefused: (error: IngestError) => void = () => undefined): BudgetCharge {
    const charge = new BudgetCharge(this, onRefused);
    this.charges.add(charge);
    return charge;
  }

  /** @internal (BudgetCharge) */
  add(charge: BudgetCharge, bytes: number): void {
    this.inFlight += bytes;
    if (charge.heldBytes > this.maxBytes) {
      charge.release();
      throw new IngestError(413, `decompressed body exceeds the server's ${this.maxBytes} byte decompression budget`);
    }
    while (this.inFlight > this.maxBytes) {
      const victim = this.largest(charge);
      if (victim === charge) {
        charge.refuse(false);
        throw serverBusy();
      }
      victim.refuse(true);
    }
  }

  /** @internal (BudgetCharge) */
  remove(charge: BudgetCharge, bytes: number): void {
    this.inFlight -= bytes;
    this.charges.delete(charge);
  }

  /** The charge holding the most bytes; `preferred` (the one asking) wins ties. */
  private largest(preferred: BudgetCharge): BudgetCharge {
    let largest = preferred;
    for (const charge of this.charges) if (charge.heldBytes > largest.heldBytes) largest = charge;
    return largest;
  }
}

export class BudgetCharge {
  private held = 0;
  private refused = false;
  private released = false;

  constructor(
    private readonly budget: DecompressionBudget,
    private readonly onRefused: (error: IngestError) => void,
  ) {}

  get heldBytes(): number {
    return this.held;
  }

  /** Counts `bytes` more; throws the refusal (503 or 413) when this request may not hold them. */
  take(bytes: number): void {
    if (this.refused) throw serverBusy();
    if (this.released) throw new Error("charge already released");
    this.held += bytes;
    this.budget.add(this, bytes);
  }

  /** Gives every byte back (the body was handed on, or refused). Safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.budget.remove(this, this.held);
    this.held = 0;
  }

  /** @internal (DecompressionBudget): refused to make room; `notify` when another request asked. */
  refuse(notify: boolean): void {
    this.refused = true;
    this.release();
    if (notify) this.onRefused(serverBusy());
  }
}

export function serverBusy(): IngestError {
  return new IngestError(
    503,
    "server busy: too many compressed request bodies are being inflated at once; retry later",
    { "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) },
  );
}

/** The process's budget: every request body read through `readBody` is charged to it. */
export const ingestDecompressionBudget = new DecompressionBudget();
