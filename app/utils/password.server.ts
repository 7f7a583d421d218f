import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { INITIAL_PASSWORD_ALPHABET, INITIAL_PASSWORD_LENGTH } from "~/domain/password";

// @node-rs/argon2 defaults to argon2id with m=19456 KiB, t=2, p=1 (the OWASP minimum).
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFC"));
  } catch {
    return false;
  }
}

export function generateInitialPassword(length = INITIAL_PASSWORD_LENGTH): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out += INITIAL_PASSWORD_ALPHABET[crypto.randomInt(INITIAL_PASSWORD_ALPHABET.length)];
  }
  return out;
}

/**
 * Hashes a long random one-time password handed out in bulk: memory-hard but lighter settings
 * are enough for that entropy and keep an import of 20,000 people fast (decision 012).
 */
export function hashInitialPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 4096, timeCost: 1 });
}
