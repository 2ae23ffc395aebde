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
export const addMemberBody = z.object({ email, role: memberRole.default("member") });
export const updateMemberBody = z.object({ role: memberRole });

export type LoginBody = z.infer<typeof loginBody>;
export type CreateTokenBody = z.infer<typeof createTokenBody>;
