import { z } from "zod";

const monitorSlug = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9_-]+$/, "slug may contain lowercase letters, digits, '-' and '_'");

/** `POST /organizations/{org}/monitors/` (Sentry's body; `config` is checked by parseApiMonitorConfig). */
export const createMonitorBody = z.object({
  project: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(128),
  slug: monitorSlug.optional(),
  type: z.literal("cron_job").optional(),
  config: z.record(z.string(), z.unknown()),
  isMuted: z.boolean().optional(),
  status: z.enum(["active", "disabled"]).optional(),
});

/** `PUT /organizations/{org}/monitors/{slug}/`: what is given changes; `config` keys merge into the current config. */
export const updateMonitorBody = z.object({
  name: z.string().trim().min(1).max(128).optional(),
  slug: monitorSlug.optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  isMuted: z.boolean().optional(),
  status: z.enum(["active", "disabled"]).optional(),
});

export type CreateMonitorBody = z.infer<typeof createMonitorBody>;
export type UpdateMonitorBody = z.infer<typeof updateMonitorBody>;
