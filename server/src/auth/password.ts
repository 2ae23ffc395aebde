import { hash, verify } from "@node-rs/argon2";

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommendation). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Verified against when the email is unknown, so both cases take the same time. */
export function verifyAgainstDummy(password: string): Promise<boolean> {
  dummyHash ??= hash("faultline-timing-equalizer");
  return dummyHash.then((dummy) => verifyPassword(dummy, password)).then(() => false);
}

export { MIN_PASSWORD_LENGTH, passwordProblem } from "./password-policy";
