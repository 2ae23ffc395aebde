import { SHAPE_CAPS } from "./shape-caps";
import { truncateWithEllipsis } from "./truncate";
import type { JsonRecord, JsonValue, NormalizedEvent } from "./types";

/** Where a value sits in the normalized event: `["exception", "values", 0, "value"]`. */
export type Path = readonly (string | number)[];

/** Sentry's processing-error type for a value cut or a list shortened to fit a limit. */
export const VALUE_TOO_LONG = "value_too_long";

interface Note {
  path: Path;
  /** The original length: UTF-16 units of a string, items of a list. */
  length: number | undefined;
}

/**
 * What normalization trimmed to fit SHAPE_CAPS, written into the event the way Sentry does:
 * one `errors` entry per trimmed field (`{type: "value_too_long", name: "exception.values.0.value"}`)
 * and the original length under `_meta` (`{"exception": {"values": {"0": {"value": {"": {"len": 9000}}}}}}`).
 * Bounded: past SHAPE_CAPS.notes trims, the rest go unrecorded.
 */
export class TrimNotes {
  private readonly notes: Note[] = [];

  /** Records that the value at `parent` + `key` was trimmed. */
  add(parent: Path, key: string | number | undefined, length?: number): void {
    if (this.notes.length >= SHAPE_CAPS.notes) return;
    this.notes.push({ path: key === undefined ? parent : [...parent, key], length });
  }

  /** `text` cut to `max` (with "..."), noted when it was cut. */
  text(text: string, max: number, parent: Path, key?: string | number): string {
    if (text.length <= max) return text;
    this.add(parent, key, text.length);
    return truncateWithEllipsis(text, max);
  }

  /** The first `max` items, noted when there were more. */
  first<T>(items: T[], max: number, parent: Path, key?: string | number): T[] {
    if (items.length <= max) return items;
    this.add(parent, key, items.length);
    return items.slice(0, max);
  }

  /** The last `max` items, noted when there were more. */
  last<T>(items: T[], max: number, parent: Path, key?: string | number): T[] {
    if (items.length <= max) return items;
    this.add(parent, key, items.length);
    return items.slice(items.length - max);
  }

  /** The first and the last halves of `max` items (the odd one goes to the end), noted when there were more. */
  ends<T>(items: T[], max: number, parent: Path, key?: string | number): T[] {
    if (items.length <= max) return items;
    this.add(parent, key, items.length);
    const head = Math.floor(max / 2);
    return [...items.slice(0, head), ...items.slice(items.length - (max - head))];
  }

  /** Writes the notes into `event.errors` and `event._meta`. */
  writeTo(event: NormalizedEvent): void {
    if (this.notes.length === 0) return;
    const errors = event.errors ?? [];
    const meta: JsonRecord = event._meta ?? {};
    for (const { path, length } of this.notes) {
      const name = path.join(".");
      if (!errors.some((error) => error.type === VALUE_TOO_LONG && error.name === name)) {
        errors.push({ type: VALUE_TOO_LONG, name });
      }
      let node = meta;
      for (const segment of path) {
        const key = String(segment);
        const child = Object.hasOwn(node, key) ? node[key] : undefined;
        if (typeof child === "object" && child !== null && !Array.isArray(child)) {
          node = child;
        } else {
          const fresh: JsonRecord = {};
          setOwn(node, key, fresh);
          node = fresh;
        }
      }
      setOwn(node, "", length === undefined ? { rem: [["!limit", "x"]] } : { len: length });
    }
    event.errors = errors;
    event._meta = meta;
  }
}

/** Sets a property even when the key is `__proto__` (a plain assignment would set the prototype). */
export function setOwn(record: JsonRecord, key: string, value: JsonValue): void {
  if (key === "__proto__") {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

/** A key as it appears in a note's path: long keys are cut like any key. */
export function pathKey(key: string): string {
  return truncateWithEllipsis(key, SHAPE_CAPS.keyLength);
}
