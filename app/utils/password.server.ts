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

export function generateInitialPassword(): string {
  let out = "";
  for (let i = 0; i < INITIAL_PASSWORD_LENGTH; i++) {
    out += INITIAL_PASSWORD_ALPHABET[crypto.randomInt(INITIAL_PASSWORD_ALPHABET.length)];
  }
  return out;
}
