// Password hashing with Argon2id at the OWASP-recommended cost (19 MiB, t=2, p=1).
import { hash, verify, type Algorithm } from '@node-rs/argon2'

// Algorithm is a const enum, which isolated modules cannot read: 2 is its Argon2id.
const OPTIONS = {
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (!passwordHash) return false
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}
