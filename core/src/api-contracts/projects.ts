import { z } from "zod";

const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,49}$/, "lowercase letters, digits and dashes, at most 50");

export const createProjectBody = z.object({
  name: z.string().trim().min(1).max(200),
  slug: slug.optional(),
  platform: z.string().trim().max(64).optional(),
});

export const updateProjectBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    slug,
    platform: z.string().trim().max(64),
    dataScrubber: z.boolean(),
    dataScrubberDefaults: z.boolean(),
    sensitiveFields: z.array(z.string().max(200)).max(200),
    safeFields: z.array(z.string().max(200)).max(200),
    scrubIPAddresses: z.boolean(),
    scrubEmails: z.boolean(),
    fingerprintingRules: z.string().max(100_000),
    // Faultline settings (Sentry has none of these); null falls back to the server-wide default.
    eventQuota: z
      .object({
        // A quota longer than 30 days would outlive any sensible billing or abuse window.
        window: z.number().int().min(1).max(2_592_000),
        count: z.number().int().min(0).max(1_000_000_000),
      })
      .strict()
      .nullable(),
    eventRetentionDays: z.number().int().min(1).max(3650).nullable(),
    maxEventsPerIssue: z.number().int().min(1).max(1_000_000).nullable(),
  })
  .partial()
  .strict();

const rateLimit = z.object({ window: z.number().int().min(1).max(86_400), count: z.number().int().min(0) }).nullable();

export const createKeyBody = z.object({
  name: z.string().trim().max(200).default("Default"),
  rateLimit: rateLimit.optional(),
});
export const updateKeyBody = z
  .object({ name: z.string().trim().max(200), isActive: z.boolean(), rateLimit })
  .partial()
  .strict();

export type UpdateProjectBody = z.infer<typeof updateProjectBody>;
