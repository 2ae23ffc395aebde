import type { Database } from "@faultline/db";

/** A user's authenticator and recovery codes. Every "use" is one conditional UPDATE, so it is atomic. */
export function createTwoFactorRepo(db: Database) {
  return {
    async statusOf(userId: number) {
      const row = await db.user.findUnique({
        where: { id: userId },
        select: { totpEnabledAt: true, totpRecoveryHashes: true },
      });
      return {
        enabled: row?.totpEnabledAt != null,
        enabledAt: row?.totpEnabledAt ?? null,
        recoveryCodesLeft: row?.totpEnabledAt ? row.totpRecoveryHashes.length : 0,
      };
    },

    async secretOf(userId: number): Promise<string | null> {
      const row = await db.user.findUnique({
        where: { id: userId },
        select: { totpSecret: true, totpEnabledAt: true },
      });
      return row?.totpEnabledAt ? row.totpSecret : null;
    },

    /** Turns two-factor on, unless it is on already (false then: enrolment raced another one). */
    async enable(userId: number, secret: string, step: number, recoveryHashes: string[]): Promise<boolean> {
      const { count } = await db.user.updateMany({
        where: { id: userId, totpEnabledAt: null },
        data: {
          totpSecret: secret,
          totpEnabledAt: new Date(),
          totpLastStep: BigInt(step),
          totpRecoveryHashes: recoveryHashes,
        },
      });
      return count === 1;
    },

    /** Records a code's time step; false when this step (or a later one) was used already. */
    async acceptStep(userId: number, step: number): Promise<boolean> {
      const count = await db.$executeRaw`
        UPDATE "app_user" SET "totp_last_step" = ${BigInt(step)}
        WHERE "id" = ${userId} AND "totp_enabled_at" IS NOT NULL
          AND ("totp_last_step" IS NULL OR "totp_last_step" < ${BigInt(step)})`;
      return count === 1;
    },

    /** Uses up a recovery code; false when it is not one of the user's unused codes. */
    async useRecoveryCode(userId: number, hash: string): Promise<boolean> {
      const count = await db.$executeRaw`
        UPDATE "app_user" SET "totp_recovery_hashes" = array_remove("totp_recovery_hashes", ${hash})
        WHERE "id" = ${userId} AND "totp_enabled_at" IS NOT NULL AND ${hash} = ANY("totp_recovery_hashes")`;
      return count === 1;
    },

    replaceRecoveryCodes: (userId: number, hashes: string[]) =>
      db.user.update({ where: { id: userId }, data: { totpRecoveryHashes: hashes } }),

    disable: (userId: number) =>
      db.user.update({
        where: { id: userId },
        data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, totpRecoveryHashes: [] },
      }),
  };
}

export type TwoFactorRepo = ReturnType<typeof createTwoFactorRepo>;
