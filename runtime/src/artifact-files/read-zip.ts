import { unzipSync } from "fflate";

export class InvalidZipError extends Error {}

/**
 * The named entries of a ZIP (artifact bundles), decompressed. Only the entries asked for are
 * inflated, and their total is bounded, so a small ZIP cannot expand into gigabytes.
 */
export function readZipEntries(zip: Buffer, names: ReadonlySet<string>, maxBytes: number): Map<string, Buffer> {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (file) => {
        if (!names.has(file.name)) return false;
        total += file.originalSize;
        if (total > maxBytes) throw new InvalidZipError(`the bundle expands past ${maxBytes} bytes`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof InvalidZipError) throw error;
    throw new InvalidZipError(`not a readable ZIP archive (${error instanceof Error ? error.message : "?"})`);
  }
  const out = new Map<string, Buffer>();
  for (const [name, data] of Object.entries(entries))
    out.set(name, Buffer.from(data.buffer, data.byteOffset, data.length));
  return out;
}
