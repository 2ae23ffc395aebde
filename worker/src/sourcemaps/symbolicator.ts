import {
  artifactUrlCandidates,
  resolveArtifactUrl,
  scriptsToSymbolicate,
  sourceMappingUrlOf,
  symbolicateEvent,
  type JsProcessingError,
  type NormalizedEvent,
  type ScriptSource,
} from "@faultline/core";
import type { ArtifactLocation } from "@faultline/db";
import type { ArtifactLookup } from "./artifact-lookup";
import type { LoadedMap, SourceLoader } from "./source-loader";

const MINIFIED_TYPES = new Set(["minified_source", "source", ""]);
const SCRIPT_PATH = /\.[cm]?[jt]sx?$/i;

/**
 * JavaScript symbolication for event.process: finds each script's source map — by the debug id
 * the SDK reports in `debug_meta`, else by release + dist + URL — and rewrites the frames
 * through it (core's symbolicateEvent). Events without JavaScript frames, or without a release
 * and debug ids, return at once. A missing or broken map never fails the job: the frame stays
 * minified and the event carries a processing error.
 */
export function createSymbolicator(deps: { lookup: ArtifactLookup; loader: SourceLoader }) {
  const { lookup, loader } = deps;

  async function byDebugId(projectId: number, url: string, debugId: string): Promise<ScriptSource> {
    const rows = await lookup.forDebugIds(projectId, [debugId]);
    const map = rows.find((row) => row.file_type === "source_map");
    if (!map) return failed("js_no_source", url);
    return fromLoaded(await loader.sourceMap(map), url, "debug-id");
  }

  async function byRelease(url: string, artifacts: ArtifactLocation[]): Promise<ScriptSource | undefined> {
    // Most releases have nothing uploaded: skip working out every frame's candidate URLs.
    if (artifacts.length === 0) return undefined;
    const minified = findArtifact(artifacts, url, (row) => MINIFIED_TYPES.has(row.file_type));
    if (!minified) {
      // Only scripts are worth a note: the page itself (inline <script>) never has a map.
      return artifacts.length > 0 && SCRIPT_PATH.test(url.split(/[?#]/)[0] ?? "")
        ? failed("js_no_source", url)
        : undefined;
    }
    let reference = minified.source_map ?? undefined;
    if (!reference) {
      const text = await loader.text(minified);
      if ("error" in text) return failed(text.error, url);
      reference = sourceMappingUrlOf(text.text);
    }
    if (!reference) return failed("js_no_source", url);
    const inline = /^data:application\/json(?:;charset=[\w-]+)?;base64,(.*)$/i.exec(reference);
    if (inline?.[1]) {
      return fromLoaded(loader.parseInline(Buffer.from(inline[1], "base64").toString("utf8")), url, "release");
    }
    const mapUrl = resolveArtifactUrl(reference, minified.url);
    const map = findArtifact(artifacts, mapUrl, () => true);
    if (!map) return failed("js_no_source", mapUrl);
    return fromLoaded(await loader.sourceMap(map), mapUrl, "release");
  }

  return async function symbolicate(projectId: number, event: NormalizedEvent): Promise<NormalizedEvent> {
    const { urls, debugIds } = scriptsToSymbolicate(event);
    if (urls.length === 0) return event;
    const sources = new Map<string, ScriptSource>();
    let releaseArtifacts: ArtifactLocation[] | undefined;
    for (const url of urls) {
      const debugId = debugIds.get(url);
      const byId = debugId ? await byDebugId(projectId, url, debugId) : undefined;
      if (byId?.kind === "map") {
        sources.set(url, byId);
        continue;
      }
      // Builds uploaded the release way may still carry debug ids: the release is tried next.
      let found: ScriptSource | undefined;
      if (event.release) {
        releaseArtifacts ??= await lookup.forRelease(projectId, event.release, event.dist ?? "");
        found = await byRelease(url, releaseArtifacts);
      }
      const chosen = found ?? byId;
      if (chosen) sources.set(url, chosen);
    }
    return sources.size > 0 ? symbolicateEvent(event, sources) : event;
  };
}

export type Symbolicate = ReturnType<typeof createSymbolicator>;

/** The artifact uploaded under any of the URL's candidate names, best candidate first. */
function findArtifact(
  artifacts: ArtifactLocation[],
  url: string,
  accept: (row: ArtifactLocation) => boolean,
): ArtifactLocation | undefined {
  for (const candidate of artifactUrlCandidates(url)) {
    const found = artifacts.find((row) => row.url === candidate && accept(row));
    if (found) return found;
  }
  return undefined;
}

function fromLoaded(loaded: LoadedMap, mapUrl: string, resolvedWith: "debug-id" | "release"): ScriptSource {
  if ("error" in loaded) return failed(loaded.error, mapUrl);
  return { kind: "map", map: loaded.map, mapUrl, resolvedWith };
}

function failed(type: JsProcessingError["type"], url: string): ScriptSource {
  return { kind: "error", error: { type, url } };
}
