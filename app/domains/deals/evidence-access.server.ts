// A verifier's access to an application's evidence: listing the files and downloading one, each
// logged (who, what, when, from where) in the same transaction that reads it. Nothing here
// checks the permission: the admin routes do, before calling.
import crypto from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { evidenceAccessLog, investorEvidenceFiles } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { getStorage } from '../uploads/storage.server.ts'
import { decryptEvidence } from './evidence-crypto.server.ts'

export type EvidenceAction = 'view' | 'download' | 'purge'

export async function logEvidenceAccess(
  tx: Tx,
  entry: {
    verificationId: string
    fileId: string | null
    actorUserId: string | null
    action: EvidenceAction
    ip: string | null
  },
): Promise<void> {
  await tx.insert(evidenceAccessLog).values({ ...entry, at: now() })
}

/** The files of an application still held (not purged); listing them is logged as `view`. */
export async function listEvidence(input: {
  verificationId: string
  actorUserId: string
  ip: string
}) {
  return db().transaction(async (tx) => {
    const files = await tx
      .select({
        id: investorEvidenceFiles.id,
        originalName: investorEvidenceFiles.originalName,
        mime: investorEvidenceFiles.mime,
        sizeBytes: investorEvidenceFiles.sizeBytes,
        createdAt: investorEvidenceFiles.createdAt,
      })
      .from(investorEvidenceFiles)
      .where(
        and(
          eq(investorEvidenceFiles.verificationId, input.verificationId),
          isNull(investorEvidenceFiles.purgedAt),
        ),
      )
      .orderBy(asc(investorEvidenceFiles.createdAt))
    if (files.length > 0)
      await logEvidenceAccess(tx, {
        verificationId: input.verificationId,
        fileId: null,
        actorUserId: input.actorUserId,
        action: 'view',
        ip: input.ip,
      })
    return files
  })
}

/**
 * One file's plain bytes, decrypted and checked against the digest taken at upload, with the
 * download logged; null when the file is not (or no longer) there.
 */
export async function downloadEvidence(input: {
  verificationId: string
  fileId: string
  actorUserId: string
  ip: string
}): Promise<{ bytes: Uint8Array; mime: string; ext: string } | null> {
  return db().transaction(async (tx) => {
    const file = await tx
      .select()
      .from(investorEvidenceFiles)
      .where(
        and(
          eq(investorEvidenceFiles.id, input.fileId),
          eq(investorEvidenceFiles.verificationId, input.verificationId),
          isNull(investorEvidenceFiles.purgedAt),
        ),
      )
      .then((r) => r[0])
    if (!file) return null
    const ciphertext = await (await getStorage()).get(file.storageKey)
    if (!ciphertext) return null
    const bytes = decryptEvidence({
      ciphertext,
      iv: file.iv,
      authTag: file.authTag,
      keyId: file.keyId,
    })
    if (crypto.createHash('sha256').update(bytes).digest('hex') !== file.sha256)
      throw new Error(`evidence ${file.id} does not match its digest`)
    await logEvidenceAccess(tx, {
      verificationId: input.verificationId,
      fileId: file.id,
      actorUserId: input.actorUserId,
      action: 'download',
      ip: input.ip,
    })
    return { bytes, mime: file.mime, ext: file.ext }
  })
}
