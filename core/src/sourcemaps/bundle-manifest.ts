import { z } from "zod";
import { normalizeDebugId } from "./debug-ids";

/** What sentry-cli writes as `manifest.json` at the root of an artifact bundle (a ZIP). */
const manifestSchema = z.object({
  files: z.record(
    z.string(),
    z.object({
      url: z.string().min(1).max(2048),
      type: z.string().max(64).default("source"),
      headers: z.record(z.string(), z.string()).default({}),
    }),
  ),
  debug_id: z.string().optional(),
  org: z.string().optional(),
  project: z.string().optional(),
  release: z.string().optional(),
  dist: z.string().optional(),
});

export interface BundleFileEntry {
  zipPath: string;
  url: string;
  fileType: string;
  debugId: string | undefined;
  /** The minified file's `Sourcemap` header: its map's URL, possibly relative. */
  sourceMap: string | undefined;
}

export interface BundleManifest {
  bundleId: string | undefined;
  release: string | undefined;
  dist: string | undefined;
  files: BundleFileEntry[];
}

export class InvalidBundleError extends Error {}

/** Parses a bundle's manifest; a malformed one throws InvalidBundleError naming the problem. */
export function parseBundleManifest(text: string): BundleManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidBundleError("manifest.json is not valid JSON");
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidBundleError(`manifest.json: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "invalid"}`);
  }
  const header = (headers: Record<string, string>, name: string) =>
    Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return {
    bundleId: parsed.data.debug_id,
    release: parsed.data.release || undefined,
    dist: parsed.data.dist || undefined,
    files: Object.entries(parsed.data.files).map(([zipPath, file]) => {
      const rawDebugId = header(file.headers, "debug-id");
      return {
        zipPath,
        url: file.url,
        fileType: file.type,
        debugId: rawDebugId ? normalizeDebugId(rawDebugId) : undefined,
        sourceMap: header(file.headers, "sourcemap") ?? header(file.headers, "x-sourcemap"),
      };
    }),
  };
}
