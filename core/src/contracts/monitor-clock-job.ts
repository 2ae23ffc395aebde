import { z } from "zod";

/**
 * monitor.clock: the repeatable job carries nothing and checks against the worker's clock; a
 * `now` (milliseconds) checks as of that time instead (tests move time without waiting).
 */
export const monitorClockJobSchema = z.object({ now: z.number().int().nonnegative().optional() });

export type MonitorClockJob = z.infer<typeof monitorClockJobSchema>;
