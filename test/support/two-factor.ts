import request from "supertest";
import { totpCode } from "../../server/src/auth/two-factor/totp";
import { TEST_PASSWORD } from "./api";

/** A browser-like session: the cookie header and the CSRF token writes need. */
export interface TestSession {
  cookie: string;
  csrf: string;
}

export function sessionOf(res: request.Response): TestSession {
  const raw = res.headers["set-cookie"] as unknown;
  const lines = Array.isArray(raw) ? (raw as string[]) : [];
  return {
    cookie: lines.map((line) => line.split(";")[0]).join("; "),
    csrf: (res.body as { csrfToken?: string }).csrfToken ?? "",
  };
}

/** Signs in with the password only (for a user without two-factor). */
export async function passwordSession(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<TestSession> {
  const res = await request(baseUrl).post("/api/0/auth/login/").send({ email, password });
  if (res.status !== 200 || !res.body.csrfToken)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return sessionOf(res);
}

/** A code for the next time step: valid now, and never the step enrolment just used. */
export function nextCode(secret: string): string {
  return totpCode(secret, Date.now() + 30_000);
}

/** Turns two-factor on for the signed-in user, as the account page does; answers the secret and codes. */
export async function enrolTwoFactor(baseUrl: string, session: TestSession) {
  const started = await request(baseUrl)
    .post("/api/0/users/me/two-factor/enrol/")
    .set("Cookie", session.cookie)
    .set("X-CSRFToken", session.csrf);
  if (started.status !== 200) throw new Error(`enrol failed: ${started.status} ${JSON.stringify(started.body)}`);
  const secret = (started.body as { secret: string }).secret;
  const confirmed = await request(baseUrl)
    .post("/api/0/users/me/two-factor/confirm/")
    .set("Cookie", session.cookie)
    .set("X-CSRFToken", session.csrf)
    .send({ code: totpCode(secret) });
  if (confirmed.status !== 201)
    throw new Error(`confirm failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { secret, recoveryCodes: (confirmed.body as { recoveryCodes: string[] }).recoveryCodes };
}
