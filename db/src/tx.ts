import type { Database } from "./client";

/** The client handed to an interactive transaction's callback. */
export type Tx = Parameters<Parameters<Database["$transaction"]>[0]>[0];
