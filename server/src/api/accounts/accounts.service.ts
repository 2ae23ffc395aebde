import { createSessionsRepo, createUsersRepo, type Database } from "@faultline/db";
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from "../../auth/password";
import { randomSecret, sha256 } from "../../auth/secrets";
import type { LoginRateLimit } from "../../auth/login-rate-limit";
import { ApiError, badRequest, unauthorized } from "../api-error";

/** The same 400 wherever a password is set, naming the field. */
function checkNewPassword(field: string, password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw badRequest(`${field}: ${problem}`);
}

export interface NewSession {
  session: string;
  csrf: string;
  maxAgeMs: number;
}

/** What login needs from two-factor authentication: whether to ask for a code, and the pending sign-in. */
export interface LoginSecondStep {
  isEnabled(userId: number): Promise<boolean>;
  beginLogin(userId: number): Promise<string>;
}

export function createAccountsService(deps: {
  db: Database;
  loginLimit: LoginRateLimit;
  sessionTtlHours: number;
  secondStep?: LoginSecondStep;
}) {
  const users = createUsersRepo(deps.db);
  const sessions = createSessionsRepo(deps.db);
  const maxAgeMs = deps.sessionTtlHours * 3_600_000;

  async function openSession(userId: number): Promise<NewSession> {
    const session = randomSecret();
    const csrf = randomSecret();
    // Expired sessions are dead weight; logins are rare enough to sweep them here.
    await sessions.deleteExpired(new Date());
    await sessions.create({
      userId,
      tokenHash: sha256(session),
      csrfToken: csrf,
      expiresAt: new Date(Date.now() + maxAgeMs),
    });
    await users.touchLogin(userId);
    return { session, csrf, maxAgeMs };
  }

  return {
    needsSetup: async () => (await users.countUsers()) === 0,

    /** The organizations there are (oldest first), for first-run set-up to adopt. */
    existingOrganizations: () =>
      deps.db.organization.findMany({ orderBy: { id: "asc" }, select: { slug: true, name: true }, take: 20 }),

    /** First run: the first account, a superuser, and only while no user exists. */
    async setUp(input: { email: string; password: string; name?: string }) {
      if ((await users.countUsers()) > 0) throw new ApiError(409, "Faultline is already set up; log in instead.");
      checkNewPassword("password", input.password);
      const user = await users.createUser({
        email: input.email,
        name: input.name ?? "",
        passwordHash: await hashPassword(input.password),
        isSuperuser: true,
      });
      return { user, session: await openSession(user.id) };
    },

    async login(input: { email: string; password: string }, ip: string | null) {
      await deps.loginLimit.take(ip, input.email);
      const found = await users.findCredentials(input.email);
      const ok = found
        ? await verifyPassword(found.passwordHash, input.password)
        : await verifyAgainstDummy(input.password);
      if (!found || !ok || !found.isActive) throw unauthorized("Invalid email or password.");
      await deps.loginLimit.recordSuccess(ip, input.email);
      const { passwordHash: _hash, ...user } = found;
      // With two-factor on, the password opens no session yet: the code step does.
      const secondStep = deps.secondStep;
      if (secondStep && (await secondStep.isEnabled(user.id)))
        return { user, pendingLogin: await secondStep.beginLogin(user.id) };
      return { user, session: await openSession(user.id) };
    },

    /** A session for a user who has proved who they are another way (second factor, single sign-on). */
    async sessionFor(userId: number) {
      const user = await users.findById(userId);
      if (!user?.isActive) throw unauthorized("This account is disabled.");
      return { user, session: await openSession(user.id) };
    },

    logout: (sessionId: number) => sessions.delete(sessionId),

    /**
     * From a signed-in browser session only (the router refuses tokens), with the current
     * password. Every other session of the user ends; the current one stays signed in. API
     * tokens are kept, as Sentry keeps them: revoke them on their own page.
     */
    async changePassword(userId: number, current: string, next: string, keepSessionId: number) {
      const hash = await users.passwordHashOf(userId);
      if (!hash || !(await verifyPassword(hash, current))) throw badRequest("password: the current password is wrong");
      checkNewPassword("passwordNew", next);
      await users.setPassword(userId, await hashPassword(next), keepSessionId);
    },

    findUser: (id: number) => users.findById(id),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
