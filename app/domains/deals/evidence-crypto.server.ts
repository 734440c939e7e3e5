// Investors' evidence files are PIPL sensitive personal information: AES-256-GCM under a key from
// the environment before the bytes reach storage, so a copy of the storage alone reveals nothing.
// Outside production, with no key configured, one is generated once under DATA_DIR and reused,
// so development data stays readable across restarts.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { dataDir, env, isProduction } from '../../env.server.ts'

export type EvidenceKey = { key: Buffer; keyId: string }
export type SealedEvidence = { ciphertext: Uint8Array; iv: string; authTag: string; keyId: string }

/** A short fingerprint naming the key without revealing it: a rotated key is told apart. */
export function keyFingerprint(key: Buffer): string {
  return crypto
    .createHash('sha256')
    .update('zc-evidence-key:')
    .update(key)
    .digest('hex')
    .slice(0, 16)
}

function decodeKey(base64: string, where: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64')
  if (key.length !== 32) throw new Error(`${where} must be base64 of 32 bytes`)
  return key
}

function developmentKey(): Buffer {
  const file = path.join(dataDir(), 'keys', 'evidence.key')
  try {
    return decodeKey(fs.readFileSync(file, 'utf8'), file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  try {
    // `wx`: when two processes start at once, the second finds the first one's key.
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return decodeKey(fs.readFileSync(file, 'utf8'), file)
}

let cached: { source: string; value: EvidenceKey } | undefined

/** The key in force: EVIDENCE_ENCRYPTION_KEY, or (outside production) the generated one. */
export function evidenceKey(): EvidenceKey {
  const configured = env().EVIDENCE_ENCRYPTION_KEY
  const source = configured ? `env:${configured}` : `file:${dataDir()}`
  if (cached?.source === source) return cached.value
  let key: Buffer
  if (configured) key = decodeKey(configured, 'EVIDENCE_ENCRYPTION_KEY')
  else if (isProduction()) throw new Error('EVIDENCE_ENCRYPTION_KEY is required in production')
  else key = developmentKey()
  cached = { source, value: { key, keyId: keyFingerprint(key) } }
  return cached.value
}

export function encryptEvidence(
  plain: Uint8Array,
  key: EvidenceKey = evidenceKey(),
): SealedEvidence {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key.key, iv)
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()])
  return {
    ciphertext: new Uint8Array(ciphertext),
    iv: iv.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
    keyId: key.keyId,
  }
}

export class EvidenceKeyMismatch extends Error {}

/**
 * The plain bytes, or a throw: a different key (its fingerprint, or GCM's tag check) never
 * yields bytes, even wrong ones.
 */
export function decryptEvidence(
  sealed: { ciphertext: Uint8Array; iv: string; authTag: string; keyId: string },
  key: EvidenceKey = evidenceKey(),
): Uint8Array {
  if (sealed.keyId !== key.keyId)
    throw new EvidenceKeyMismatch(`evidence sealed under key ${sealed.keyId}, not ${key.keyId}`)
  const decipher = crypto.createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'))
  decipher.setAuthTag(Buffer.from(sealed.authTag, 'base64'))
  return new Uint8Array(Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]))
}
