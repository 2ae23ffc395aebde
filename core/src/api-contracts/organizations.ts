import { z } from "zod";

const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,49}$/, "lowercase letters, digits and dashes, at most 50");

/**
 * Sentry's `PUT /api/0/organizations/{org}/`: every field optional, unknown ones refused so a
 * setting this server does not have yet is a clear 400 rather than silently dropped.
 */
export const updateOrganizationBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    slug,
    // Sentry's name: on, every member sees every project; off, members see their teams' projects.
    openMembership: z.boolean(),
    // Sentry's name: members must turn on two-factor authentication to use the organization.
    require2FA: z.boolean(),
  })
  .partial()
  .strict();

export type UpdateOrganizationBody = z.infer<typeof updateOrganizationBody>;
