// Random secrets and their stored digests. Only digests are stored; comparisons of secrets are
// constant-time.
import crypto from 'node:crypto'
import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'

export function randomToken(bytes: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)))
}

export function digest(value: string): Uint8Array {
  return sha256(new TextEncoder().encode(value))
}

export function digestHex(value: string): string {
  return encodeHexLowerCase(digest(value))
}

export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && constantTimeEqual(a, b)
}

/** An n-digit numeric code drawn without modulo bias. */
export function numericCode(digits: number): string {
  return String(crypto.randomInt(0, 10 ** digits)).padStart(digits, '0')
}
