import { z } from "zod";
import { normalizePublicKey } from "../auth/sentry-auth";
import { normalizeSecretKey, parseDsnProjectId } from "../dsn";
import { parseFingerprintRules } from "../grouping/rules/parse-fingerprint-rules";

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
    // Processing skips a bad line, so saving one would quietly drop it: refuse it here instead,
    // one "line N: ..." per bad line (newline-separated) for the settings page to show.
    fingerprintingRules: z
      .string()
      .max(100_000)
      .superRefine((text, ctx) => {
        const { errors } = parseFingerprintRules(text);
        if (errors.length > 0)
          ctx.addIssue({ code: "custom", message: errors.map((error) => error.message).join("\n") });
      }),
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

/** A value an adopted DSN carries, folded to the form stored (or a zod issue saying what is wrong). */
function dsnPart<In, T>(read: (raw: In) => T) {
  return (raw: In, ctx: z.RefinementCtx): T => {
    try {
      return read(raw);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  };
}

export const createKeyBody = z
  .object({
    name: z.string().trim().max(200).default("Default"),
    rateLimit: rateLimit.optional(),
    // Adopting a DSN from another install (admins only): its public key, secret and project id.
    public: z.string().max(100).transform(dsnPart(normalizePublicKey)).optional(),
    secret: z.string().max(100).transform(dsnPart(normalizeSecretKey)).nullable().optional(),
    projectId: z
      .union([z.number(), z.string()])
      .transform(
        dsnPart((raw: string | number) => {
          const id = parseDsnProjectId(String(raw));
          if (id === null) throw new Error("a positive integer of at most 16 digits");
          return id;
        }),
      )
      .optional(),
  })
  .refine((body) => body.public !== undefined || (body.secret == null && body.projectId === undefined), {
    message: "secret and projectId adopt an existing DSN: give its public key too",
    path: ["public"],
  });
export const updateKeyBody = z
  .object({ name: z.string().trim().max(200), isActive: z.boolean(), rateLimit })
  .partial()
  .strict();

export type UpdateProjectBody = z.infer<typeof updateProjectBody>;
