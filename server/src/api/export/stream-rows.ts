import { once } from "node:events";
import type { Response } from "express";
import { csvLine } from "./csv";

export type ExportFormat = "jsonl" | "csv";

/**
 * Writes batches as they come (never the whole export in memory), waiting for the socket to
 * drain when the client reads slower than the database answers.
 */
export async function streamRows<T>(
  res: Response,
  format: ExportFormat,
  filename: string,
  columns: readonly string[],
  batches: AsyncIterable<T[]>,
  toRecord: (row: T) => Record<string, string | number | null>,
): Promise<void> {
  res.status(200);
  res.setHeader("Content-Type", format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="${filename}.${format === "csv" ? "csv" : "jsonl"}"`);
  const write = async (chunk: string) => {
    if (!res.write(chunk)) await once(res, "drain");
  };
  if (format === "csv") await write(csvLine(columns));
  for await (const batch of batches) {
    if (res.destroyed) return;
    let chunk = "";
    for (const row of batch) {
      const record = toRecord(row);
      chunk += format === "csv" ? csvLine(columns.map((column) => record[column])) : `${JSON.stringify(record)}\n`;
    }
    await write(chunk);
  }
  res.end();
}
