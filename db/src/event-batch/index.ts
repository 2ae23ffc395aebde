export { storeEventBatch } from "./store-batch";
export type { StoreOutcome, StoredEventInput } from "./types";
