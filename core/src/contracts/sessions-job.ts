import { z } from "zod";

/** One `session` item, reduced to what release health counts (sentry-protocol.md §9.1). */
export const sessionUpdateSchema = z.object({
  sid: z.string().max(64).optional(),
  did: z.string().max(256).optional(),
  init: z.boolean(),
  /** Milliseconds since the epoch. */
  started: z.number().int(),
  status: z.enum(["ok", "exited", "crashed", "abnormal", "errored"]),
  errors: z.number().int().nonnegative(),
  release: z.string().min(1).max(250),
  environment: z.string().max(64),
});

/** One bucket of a `sessions` item (pre-aggregated by server SDKs, §9.2). */
export const sessionAggregateSchema = z.object({
  started: z.number().int(),
  release: z.string().min(1).max(250),
  environment: z.string().max(64),
  exited: z.number().int().nonnegative(),
  errored: z.number().int().nonnegative(),
  crashed: z.number().int().nonnegative(),
  abnormal: z.number().int().nonnegative(),
});

export const sessionsJobSchema = z.object({
  projectId: z.number().int().positive(),
  receivedAt: z.number().int().nonnegative(),
  updates: z.array(sessionUpdateSchema).max(1000),
  aggregates: z.array(sessionAggregateSchema).max(1000),
});

export type SessionUpdate = z.infer<typeof sessionUpdateSchema>;
export type SessionAggregate = z.infer<typeof sessionAggregateSchema>;
export type SessionsJob = z.infer<typeof sessionsJobSchema>;
