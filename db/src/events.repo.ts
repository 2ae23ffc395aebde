import type { Database } from "./client";
import { storeEventBatch, type StoreOutcome, type StoredEventInput } from "./event-batch";

export { SerializedJson } from "./event-batch";
export type { StoreOutcome, StoredEventInput };

export function createEventsRepo(db: Database) {
  return {
    /** Stores events (any number, one transaction); see storeEventBatch. */
    storeEvents: (inputs: StoredEventInput[]): Promise<StoreOutcome[]> => storeEventBatch(db, inputs),

    /** Stores one event; a convenience over storeEvents. */
    async storeEvent(input: StoredEventInput): Promise<StoreOutcome> {
      const [outcome] = await storeEventBatch(db, [input]);
      if (!outcome) throw new Error("storeEventBatch returned no outcome");
      return outcome;
    },
  };
}

export type EventsRepo = ReturnType<typeof createEventsRepo>;
