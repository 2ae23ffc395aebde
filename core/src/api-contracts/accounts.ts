import { z } from "zod";

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "must be an email address" }));
const password = z.string().min(8, "must be at least 8 characters").max(1024);

export const loginBody = z.object({ email, password: z.string().min(1).max(1024) });
export const setupBody = z.object({ email, password, name: z.string().trim().max(200).optional() });
export const passwordChangeBody = z.object({
  password: z.string().min(1).max(1024),
  passwordNew: password,
  passwordVerify: z.string().optional(),
});

export const apiScope = z.enum(["read", "write", "admin"]);
export const createTokenBody = z.object({
  name: z.string().trim().max(200).default(""),
  scopes: z.array(apiScope).min(1).default(["read"]),
});

export const memberRole = z.enum(["owner", "admin", "member", "viewer"]);
const teamSlugs = z.array(z.string().trim().min(1).max(50)).max(100);

/**
 * Sentry's invitation: `{"email", "orgRole", "teams"}` (`role` is its older name for orgRole).
 * Everyone is invited, existing accounts too: membership needs the person's acceptance.
 */
export const inviteMemberBody = z
  .object({
    email,
    orgRole: memberRole.optional(),
    role: memberRole.optional(),
    teams: teamSlugs.default([]),
  })
  .transform((body) => ({ email: body.email, orgRole: body.orgRole ?? body.role ?? "member", teams: body.teams }));

/** A member's new role; for a pending member also `reinvite` (a new link, sent again) and teams. */
export const updateMemberBody = z
  .object({
    orgRole: memberRole.optional(),
    role: memberRole.optional(),
    reinvite: z.boolean().optional(),
    teams: teamSlugs.optional(),
  })
  .transform((body) => ({ orgRole: body.orgRole ?? body.role, reinvite: body.reinvite === true, teams: body.teams }))
  .refine((body) => body.orgRole !== undefined || body.reinvite || body.teams !== undefined, {
    message: "give orgRole, teams or reinvite",
  });

/** Accepting an invitation: signed in, nothing; else the new account's name and password. */
export const acceptInviteBody = z.object({
  name: z.string().trim().max(200).optional(),
  password: password.optional(),
});

export const passwordResetRequestBody = z.object({ email });
export const passwordResetBody = z.object({
  token: z.string().min(1).max(200),
  password,
});

export type LoginBody = z.infer<typeof loginBody>;
export type CreateTokenBody = z.infer<typeof createTokenBody>;
