import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 random bits, hex; `prefix` tells a person what the string is when they find one. */
export function randomSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("hex")}`;
}

/** Tokens and session ids are high-entropy random values: SHA-256 is the right hash for them. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
