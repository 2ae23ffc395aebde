import { z } from "zod";

/** A six-digit authenticator code; spaces are allowed (apps show "123 456"). */
const totpCode = z.string().trim().min(1, "enter the 6-digit code").max(20);
/** A recovery code as printed (`k7qm-x2pa-9tzd`), in any case. */
const recoveryCode = z.string().trim().min(1).max(40);

export const twoFactorConfirmBody = z.object({ code: totpCode });

/** The second step of signing in: the pending login from the first step and one factor. */
export const twoFactorLoginBody = z
  .object({
    pendingLogin: z.string().min(1).max(200),
    code: totpCode.optional(),
    recoveryCode: recoveryCode.optional(),
  })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), {
    message: "send either code or recoveryCode",
    path: ["code"],
  });

/** Turning two-factor off, or new recovery codes: the current password or a current code. */
export const twoFactorProofBody = z
  .object({
    password: z.string().min(1).max(1024).optional(),
    code: totpCode.optional(),
  })
  .refine((body) => body.password !== undefined || body.code !== undefined, {
    message: "send the current password or a code from the authenticator",
    path: ["password"],
  });

export type TwoFactorLoginBody = z.infer<typeof twoFactorLoginBody>;
export type TwoFactorProofBody = z.infer<typeof twoFactorProofBody>;
