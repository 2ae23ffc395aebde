import type { JsProcessingError } from "@faultline/core";
import type { ArtifactLocation } from "@faultline/db";
import { readZipEntries, type ArtifactStore } from "@faultline/runtime";
import { AnyMap, type TraceMap } from "@jridgewell/trace-mapping";
import { LRUCache } from "lru-cache";

export type LoadedMap = { map: TraceMap } | { error: JsProcessingError["type"] };
export type LoadedText = { text: string } | { error: JsProcessingError["type"] };

/**
 * Reads artifacts from ARTIFACTS_DIR and parses source maps, keeping the results in one LRU
 * bounded by size (a parsed map is weighed by its JSON length). Files over `maxBytes` are never
 * read into memory whole or parsed; broken ones are remembered as broken.
 */
export function createSourceLoader(store: ArtifactStore, options: { maxBytes: number; cacheBytes: number }) {
  const cache = new LRUCache<string, LoadedMap | LoadedText>({
    maxSize: options.cacheBytes,
    sizeCalculation: (value) =>
      Math.max(1, "text" in value ? value.text.length : "map" in value ? (weight.get(value) ?? 1) : 1),
    ttl: 10 * 60_000,
  });
  const weight = new WeakMap<object, number>();

  async function readBytes(location: ArtifactLocation): Promise<Buffer | "too_large"> {
    if (location.kind === "file") {
      // Release files were bounded by ARTIFACTS_MAX_BYTES when uploaded.
      const data = await store.readFile(location.organization_id, location.checksum);
      return data.length > options.maxBytes ? "too_large" : data;
    }
    const zip = await store.readBundle(location.organization_id, location.checksum);
    try {
      const entry = readZipEntries(zip, new Set([location.zip_path]), options.maxBytes).get(location.zip_path);
      if (!entry) throw new Error("entry missing from its bundle");
      return entry;
    } catch (error) {
      if (error instanceof Error && /expands past/.test(error.message)) return "too_large";
      throw error;
    }
  }

  const keyOf = (kind: string, location: ArtifactLocation) =>
    `${kind}:${location.kind}:${location.organization_id}:${location.checksum}:${location.zip_path}`;

  return {
    async sourceMap(location: ArtifactLocation): Promise<LoadedMap> {
      const key = keyOf("map", location);
      const hit = cache.get(key);
      if (hit && !("text" in hit)) return hit;
      let loaded: LoadedMap;
      try {
        const bytes = await readBytes(location);
        loaded = bytes === "too_large" ? { error: "js_too_large" } : parseMap(bytes.toString("utf8"));
        if ("map" in loaded) weight.set(loaded, bytes.length);
      } catch {
        // Unreadable on disk (deleted, truncated ZIP): the same as a broken map for the event.
        loaded = { error: "js_invalid_source" };
      }
      cache.set(key, loaded);
      return loaded;
    },

    async text(location: ArtifactLocation): Promise<LoadedText> {
      const key = keyOf("text", location);
      const hit = cache.get(key);
      if (hit && "text" in hit) return hit;
      let loaded: LoadedText;
      try {
        const bytes = await readBytes(location);
        loaded = bytes === "too_large" ? { error: "js_too_large" } : { text: bytes.toString("utf8") };
      } catch {
        loaded = { error: "js_no_source" };
      }
      if ("text" in loaded) loaded = { text: loaded.text.slice(-4096) };
      cache.set(key, loaded);
      return loaded;
    },

    parseInline: (json: string): LoadedMap =>
      json.length > options.maxBytes ? { error: "js_too_large" } : parseMap(json),
  };
}

export type SourceLoader = ReturnType<typeof createSourceLoader>;

function parseMap(json: string): LoadedMap {
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== "object" || parsed === null || !("mappings" in parsed || "sections" in parsed))
      return { error: "js_invalid_source" };
    // AnyMap also reads index maps (`sections`), which some bundlers write.
    return { map: new AnyMap(parsed as ConstructorParameters<typeof AnyMap>[0]) };
  } catch {
    return { error: "js_invalid_source" };
  }
}
