import { formatBytes } from "../../../lib/text";
import { asNumber, asRecord } from "./values";

/** Context fields Sentry's device and app contexts hold in bytes, and shows in KiB/MiB/GiB. */
const BYTE_FIELDS = new Set([
  "memory_size",
  "free_memory",
  "usable_memory",
  "storage_size",
  "free_storage",
  "external_storage_size",
  "external_free_storage",
  "app_memory",
  "heap_size",
  "max_memory",
  "total_memory",
]);

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  const record = asRecord(value);
  return record !== undefined && Object.keys(record).length === 0;
}

/**
 * A context's rows as shown: `type` dropped (it only names the kind of context), empty values
 * dropped, byte counts in binary units. No rows means the card is not worth showing.
 */
export function contextRows(value: unknown): [string, unknown][] {
  const record = asRecord(value);
  if (!record) return isEmpty(value) ? [] : [["value", value]];
  return Object.entries(record)
    .filter(([key, field]) => key !== "type" && !isEmpty(field))
    .map(([key, field]) => {
      const bytes = asNumber(field);
      return BYTE_FIELDS.has(key) && bytes !== undefined ? [key, formatBytes(bytes)] : [key, field];
    });
}
