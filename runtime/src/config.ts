import { z } from "zod";

/** Settings every process reads. Each process extends this with its own area. */
export const commonConfigSchema = z.object({
  DATABASE_URL: z.string().refine((value) => /^postgres(ql)?:\/\//.test(value), "must be a postgresql:// URL"),
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\//.test(value), "must be a redis:// or rediss:// URL")
    .default("redis://127.0.0.1:6379"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Uploaded source maps and release files; server and worker must see the same directory. */
  ARTIFACTS_DIR: z.string().trim().min(1).default("data/artifacts"),
});

export type CommonConfig = z.infer<typeof commonConfigSchema>;
