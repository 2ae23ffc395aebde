import type { TwoFactorProofBody } from "@faultline/core";
import type { Database } from "@faultline/db";
import type { Redis } from "ioredis";
import type * as QrCode from "qrcode";
import { badRequest, conflict, unauthorized } from "../../api/api-error";
import type { LoginRateLimit } from "../login-rate-limit";
import { verifyPassword } from "../password";
import { createPendingLogins } from "./pending-logins";
import { matchingStep, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpUri } from "./totp";
import { createTwoFactorRepo } from "./two-factor.repo";

/** How long a secret shown for enrolment waits for its confirming code. */
const ENROLMENT_SECONDS = 900;

// Loaded on the first enrolment, not at start: with its PNG encoder it is some 60 modules and
// 8 MB of memory that a server answering events never uses.
let qrcode: Promise<typeof QrCode> | undefined;
const loadQrcode = () => (qrcode ??= import("qrcode"));

export interface SecondFactor {
  code?: string | undefined;
  recoveryCode?: string | undefined;
}

/**
 * TOTP two-factor authentication: enrolment (a secret shown once, active only after a code from
 * it is confirmed), recovery codes, turning it off, and the sign-in's second step. Codes are
 * checked by `limit` (per address and per user), counted apart from the password step, so a
 * known password cannot be used to reset the count of guessed codes.
 */
export function createTwoFactorService(deps: { db: Database; redis: Redis; issuer: string; limit: LoginRateLimit }) {
  const repo = createTwoFactorRepo(deps.db);
  const pending = createPendingLogins(deps.redis);
  const enrolmentKey = (userId: number) => `fl:2fa:enrol:${userId}`;

  async function newRecoveryHashes() {
    const codes = newRecoveryCodes();
    return { codes, hashes: codes.map(recoveryCodeHash) };
  }

  /** Checks one factor and uses it up: a code's time step, or the recovery code itself. */
  async function useFactor(userId: number, factor: SecondFactor): Promise<boolean> {
    if (factor.recoveryCode !== undefined) return repo.useRecoveryCode(userId, recoveryCodeHash(factor.recoveryCode));
    if (factor.code === undefined) return false;
    const secret = await repo.secretOf(userId);
    const step = secret ? matchingStep(secret, factor.code) : null;
    return step !== null && repo.acceptStep(userId, step);
  }

  async function checkedFactor(userId: number, ip: string | null, factor: SecondFactor): Promise<boolean> {
    const subject = `user:${userId}`;
    await deps.limit.take(ip, subject);
    const ok = await useFactor(userId, factor);
    if (ok) await deps.limit.recordSuccess(ip, subject);
    return ok;
  }

  async function proveIdentity(userId: number, ip: string | null, proof: TwoFactorProofBody): Promise<void> {
    if (proof.password !== undefined) {
      const hash = await deps.db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
      if (!hash || !(await verifyPassword(hash.passwordHash, proof.password)))
        throw badRequest("password: the current password is wrong");
      return;
    }
    if (!(await checkedFactor(userId, ip, { code: proof.code }))) throw badRequest("code: wrong or already used code");
  }

  return {
    status: (userId: number) => repo.statusOf(userId),
    isEnabled: async (userId: number) => (await repo.statusOf(userId)).enabled,

    /** A new secret for the user's app, as text and as a QR code; not active until confirmed. */
    async startEnrolment(user: { id: number; email: string }) {
      if ((await repo.statusOf(user.id)).enabled)
        throw conflict("Two-factor authentication is already on; turn it off first to use another authenticator.");
      const secret = newTotpSecret();
      await deps.redis.set(enrolmentKey(user.id), secret, "EX", ENROLMENT_SECONDS);
      return { secret, otpauthUri: totpUri(secret, user.email, deps.issuer) };
    },

    /**
     * The enrolment's QR code as a PNG, served from this origin (the dashboard's CSP allows
     * images from here only); null when no enrolment is waiting.
     */
    async enrolmentQrCode(user: { id: number; email: string }): Promise<Buffer | null> {
      const secret = await deps.redis.get(enrolmentKey(user.id));
      if (!secret) return null;
      const { toBuffer } = await loadQrcode();
      return toBuffer(totpUri(secret, user.email, deps.issuer), { type: "png", margin: 1, width: 220 });
    },

    /** A code from the new secret turns two-factor on; the recovery codes are answered this once. */
    async confirmEnrolment(userId: number, code: string): Promise<string[]> {
      const secret = await deps.redis.get(enrolmentKey(userId));
      if (!secret) throw badRequest("No enrolment in progress (or it expired): start again to get a new QR code.");
      const step = matchingStep(secret, code);
      if (step === null)
        throw badRequest("code: wrong code; check the authenticator app's clock and try the newest code");
      const { codes, hashes } = await newRecoveryHashes();
      if (!(await repo.enable(userId, secret, step, hashes)))
        throw conflict("Two-factor authentication is already on.");
      await deps.redis.del(enrolmentKey(userId));
      return codes;
    },

    async disable(userId: number, ip: string | null, proof: TwoFactorProofBody): Promise<void> {
      if (!(await repo.statusOf(userId)).enabled) return;
      await proveIdentity(userId, ip, proof);
      await repo.disable(userId);
    },

    /** Ten new recovery codes replace the old ones (all of them, used or not). */
    async regenerateRecoveryCodes(userId: number, ip: string | null, proof: TwoFactorProofBody): Promise<string[]> {
      if (!(await repo.statusOf(userId)).enabled) throw badRequest("Two-factor authentication is off.");
      await proveIdentity(userId, ip, proof);
      const { codes, hashes } = await newRecoveryHashes();
      await repo.replaceRecoveryCodes(userId, hashes);
      return codes;
    },

    /** After the first step: the token the browser sends back with the code. */
    beginLogin: (userId: number) => pending.begin(userId),

    /** The second step: the user whose sign-in may now open a session. */
    async finishLogin(token: string, ip: string | null, factor: SecondFactor): Promise<number> {
      const userId = await pending.userOf(token);
      if (userId === null) throw unauthorized("The sign-in expired or was finished already; sign in again.");
      if (!(await checkedFactor(userId, ip, factor)))
        throw unauthorized(
          factor.recoveryCode !== undefined
            ? "Invalid or already used recovery code."
            : "Invalid or already used code.",
        );
      if (!(await pending.finish(token))) throw unauthorized("The sign-in was finished already; sign in again.");
      return userId;
    },
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
