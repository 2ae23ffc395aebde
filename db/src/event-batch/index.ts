export { storeEventBatch } from "./store-batch";
export { SerializedJson, type StoreOutcome, type StoredEventInput } from "./types";
