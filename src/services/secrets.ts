/**
 * Passwords are hashed with argon2id (slow on purpose). Session tokens and API key secrets
 * are 256-bit random values, so a fast SHA-256 of them is enough to store: nobody can
 * guess the input, and lookups by hash stay cheap on every request.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A valid hash to verify against when the email is unknown, so timing does not reveal it. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** API keys read `lk_<prefix>_<secret>`: the prefix finds the row, the secret proves it. */
export function newApiKeySecret(): { token: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomToken(32);
  return { token: `lk_${prefix}_${secret}`, prefix, secretHash: sha256Hex(secret) };
}

export function parseApiKey(token: string): { prefix: string; secret: string } | null {
  const match = /^lk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { prefix: match[1] as string, secret: match[2] as string } : null;
}
