import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

const SHA1 = /^[0-9a-f]{40}$/;

export class ChunkChecksumError extends Error {}

/**
 * Uploaded artifacts on the filesystem (ARTIFACTS_DIR), addressed by SHA-1 per organization:
 *
 *   chunks/<org>/<sha1>      upload chunks, until their bundle is assembled
 *   bundles/<org>/<sha1>.zip assembled artifact bundles
 *   files/<org>/<sha1>       legacy release files
 *
 * Content addressing deduplicates: a chunk or file already present is not written again.
 * Writes go to a temporary name first and are renamed into place, so readers never see half a
 * file, also with several servers sharing the directory.
 */
export function createArtifactStore(root: string) {
  const chunkPath = (orgId: number, sha1: string) => path.join(root, "chunks", String(orgId), checked(sha1));
  const bundlePath = (orgId: number, sha1: string) => path.join(root, "bundles", String(orgId), `${checked(sha1)}.zip`);
  const filePath = (orgId: number, sha1: string) => path.join(root, "files", String(orgId), checked(sha1));

  async function exists(file: string): Promise<boolean> {
    try {
      await stat(file);
      return true;
    } catch {
      return false;
    }
  }

  async function writeAtomically(file: string, data: Buffer): Promise<void> {
    if (await exists(file)) return;
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, file);
  }

  return {
    root,
    /** Stores a chunk after checking that its contents hash to the name the client gave it. */
    async putChunk(orgId: number, sha1: string, data: Buffer): Promise<void> {
      if (sha1Of(data) !== checked(sha1)) throw new ChunkChecksumError(`chunk ${sha1} does not match its checksum`);
      await writeAtomically(chunkPath(orgId, sha1), data);
    },
    async missingChunks(orgId: number, sha1s: readonly string[]): Promise<string[]> {
      const present = await Promise.all(sha1s.map((sha1) => exists(chunkPath(orgId, sha1))));
      return sha1s.filter((_, index) => !present[index]);
    },
    /** Stored chunk sizes, without reading them; null for a chunk not stored. */
    async chunkSizes(orgId: number, sha1s: readonly string[]): Promise<(number | null)[]> {
      return Promise.all(
        sha1s.map((sha1) =>
          stat(chunkPath(orgId, sha1)).then(
            (stats) => stats.size,
            () => null,
          ),
        ),
      );
    },
    /** The chunks joined in the order listed; a chunk listed more than once is read once. */
    async readChunks(orgId: number, sha1s: readonly string[]): Promise<Buffer> {
      const distinct = [...new Set(sha1s)];
      const contents = await Promise.all(distinct.map((sha1) => readFile(chunkPath(orgId, sha1))));
      const bySha1 = new Map(distinct.map((sha1, index) => [sha1, contents[index] as Buffer]));
      return Buffer.concat(sha1s.map((sha1) => bySha1.get(sha1) as Buffer));
    },
    async deleteChunks(orgId: number, sha1s: readonly string[]): Promise<void> {
      await Promise.all(sha1s.map((sha1) => rm(chunkPath(orgId, sha1), { force: true })));
    },
    putBundle: (orgId: number, sha1: string, data: Buffer) => writeAtomically(bundlePath(orgId, sha1), data),
    readBundle: (orgId: number, sha1: string) => readFile(bundlePath(orgId, sha1)),
    putFile: (orgId: number, sha1: string, data: Buffer) => writeAtomically(filePath(orgId, sha1), data),
    readFile: (orgId: number, sha1: string) => readFile(filePath(orgId, sha1)),
  };
}

export type ArtifactStore = ReturnType<typeof createArtifactStore>;

export function sha1Of(data: Buffer): string {
  return createHash("sha1").update(data).digest("hex");
}

/** Names come from clients: only 40 lowercase hex characters may become a path. */
function checked(sha1: string): string {
  const lower = sha1.toLowerCase();
  if (!SHA1.test(lower)) throw new ChunkChecksumError(`"${sha1.slice(0, 64)}" is not a SHA-1 checksum`);
  return lower;
}
