import { apiExportsInProgress } from "@faultline/runtime";
import type { Response } from "express";
import { csvLine } from "./csv";

export type ExportFormat = "jsonl" | "csv";

/**
 * Resolves true once the socket takes more, false if the client went away first: a client that
 * stops reading and disconnects never drains, and waiting for "drain" alone would keep the
 * export (its iterator, its rows) forever.
 */
function drainedOrGone(res: Response): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (drained: boolean) => {
      res.off("drain", onDrain);
      res.off("close", onGone);
      res.off("error", onGone);
      resolve(drained);
    };
    const onDrain = () => settle(true);
    const onGone = () => settle(false);
    res.on("drain", onDrain);
    res.on("close", onGone);
    res.on("error", onGone);
  });
}

/**
 * Writes batches as they come (never the whole export in memory), waiting for the socket to
 * drain when the client reads slower than the database answers, and stopping — which ends the
 * batches' iteration, so no further query runs — as soon as the client is gone.
 */
export async function streamRows<T>(
  res: Response,
  format: ExportFormat,
  filename: string,
  columns: readonly string[],
  batches: AsyncIterable<T[]>,
  toRecord: (row: T) => Record<string, string | number | null>,
): Promise<void> {
  apiExportsInProgress.inc();
  try {
    res.status(200);
    res.setHeader("Content-Type", format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="${filename}.${format === "csv" ? "csv" : "jsonl"}"`);
    const write = async (chunk: string): Promise<boolean> => res.write(chunk) || drainedOrGone(res);
    if (format === "csv" && !(await write(csvLine(columns)))) return;
    for await (const batch of batches) {
      if (res.destroyed) return;
      let chunk = "";
      for (const row of batch) {
        const record = toRecord(row);
        chunk += format === "csv" ? csvLine(columns.map((column) => record[column])) : `${JSON.stringify(record)}\n`;
      }
      // Leaving the loop ends the iteration (its generator's finally runs): no next batch is read.
      if (!(await write(chunk))) return;
    }
    res.end();
  } finally {
    apiExportsInProgress.dec();
  }
}
