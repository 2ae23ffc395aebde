import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the heap grow past what survived the last full collection, in percent
 * (0: V8's own choice). A worker holds little for long: events live for one storage batch.
 * V8's own choice lets a busy worker's heap grow to about four times its live data before it
 * collects. 100 (double) keeps its memory about a third lower for 6–10% more CPU (in
 * `npm run bench:pipeline`, peak RSS of 353–395 MiB became 251–265 MiB).
 *
 * V8 reads this flag whenever it sets the next collection's limit, so setting it after start
 * works. It covers the whole process: under `npm start`, the worker process, not the server's.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
