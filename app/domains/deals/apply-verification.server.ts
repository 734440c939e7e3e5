// An investor applies for 合格投资者 status for the profile the session acts for: a basis allowed
// for the profile's kind, a declared amount at or above that basis's threshold, the signed
// declaration, a separate consent to processing sensitive personal information (PIPL 第二十九条),
// and 1–5 evidence files, encrypted before they reach storage. Also what the applicant sees: the
// current status, the history and every access to the evidence.
import crypto from 'node:crypto'
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  consents,
  evidenceAccessLog,
  investorEvidenceFiles,
  investorVerificationEvents,
  investorVerifications,
  users,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { UserError } from '../problems.ts'
import { getStorage } from '../uploads/storage.server.ts'
import { checkUpload, type CheckedFile } from '../uploads/store-upload.server.ts'
import { BASES_BY_KIND, QUALIFICATION_THRESHOLD_FEN } from './deals.schema.ts'
import { encryptEvidence, type SealedEvidence } from './evidence-crypto.server.ts'
import type { InvestorProfile } from './investor-standing.server.ts'
import { type VerificationValues } from './investor-verification.schema.ts'
import { DECLARATION, MAX_EVIDENCE_FILES, SENSITIVE_CONSENT } from './deals.schema.ts'

/** Type and size of each evidence file, checked before anything is written. */
export async function checkEvidence(files: File[]): Promise<CheckedFile[]> {
  const real = files.filter((f) => f.size > 0)
  if (real.length === 0) throw new UserError('investors:errors.evidenceRequired', 'evidence')
  if (real.length > MAX_EVIDENCE_FILES)
    throw new UserError('investors:errors.evidenceCount', 'evidence', { max: MAX_EVIDENCE_FILES })
  const checked: CheckedFile[] = []
  for (const f of real) checked.push(await checkUpload(f, 'investor-evidence', 'evidence'))
  return checked
}

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { code?: string }).code === '23505' ||
    (error as { cause?: { code?: string } }).cause?.code === '23505')

export async function applyForVerification(input: {
  profile: InvestorProfile
  applicantUserId: string
  values: VerificationValues
  files: CheckedFile[]
  ip: string
}): Promise<string> {
  const { profile, values } = input
  if (!BASES_BY_KIND[profile.kind].includes(values.basis))
    throw new UserError('investors:errors.basis', 'basis')
  if (values.declaredFen < QUALIFICATION_THRESHOLD_FEN[values.basis])
    throw new UserError(`investors:errors.belowThreshold.${values.basis}`, 'declaredYuan')
  if (input.files.length === 0 || input.files.length > MAX_EVIDENCE_FILES)
    throw new UserError('investors:errors.evidenceCount', 'evidence', { max: MAX_EVIDENCE_FILES })
  const [waiting] = await db()
    .select({ id: investorVerifications.id })
    .from(investorVerifications)
    .where(
      and(
        eq(investorVerifications.investorProfileId, profile.id),
        eq(investorVerifications.status, 'submitted'),
      ),
    )
  if (waiting) throw new UserError('investors:errors.alreadyWaiting')
  const verificationId = crypto.randomUUID()
  const storage = await getStorage()
  // Ciphertext goes to storage first (storage is not transactional); a failed write below
  // removes it again, so nothing readable or orphaned stays behind.
  const sealed: { id: string; key: string; box: SealedEvidence; file: CheckedFile }[] = []
  try {
    for (const file of input.files) {
      const id = crypto.randomUUID()
      const box = encryptEvidence(file.bytes)
      const key = `evidence/${id}`
      await storage.put(key, box.ciphertext, 'application/octet-stream')
      sealed.push({ id, key, box, file })
    }
    await db().transaction(async (tx) => {
      const at = now()
      await tx.insert(investorVerifications).values({
        id: verificationId,
        investorProfileId: profile.id,
        applicantUserId: input.applicantUserId,
        basis: values.basis,
        declaredFen: values.declaredFen,
        declarationVersion: DECLARATION.version,
        sensitiveConsentAt: at,
        status: 'submitted',
        createdAt: at,
        updatedAt: at,
      })
      await tx.insert(investorVerificationEvents).values({
        verificationId,
        action: 'submit',
        fromStatus: null,
        toStatus: 'submitted',
        actorUserId: input.applicantUserId,
        at,
      })
      await tx.insert(investorEvidenceFiles).values(
        sealed.map((s) => ({
          id: s.id,
          verificationId,
          storageKey: s.key,
          keyId: s.box.keyId,
          iv: s.box.iv,
          authTag: s.box.authTag,
          mime: s.file.mime,
          ext: s.file.ext,
          originalName: s.file.name,
          sizeBytes: s.file.bytes.byteLength,
          sha256: crypto.createHash('sha256').update(s.file.bytes).digest('hex'),
          createdAt: at,
        })),
      )
      await tx
        .insert(consents)
        .values({
          userId: input.applicantUserId,
          kind: SENSITIVE_CONSENT.kind,
          version: SENSITIVE_CONSENT.version,
          givenAt: at,
          ip: input.ip,
        })
        .onConflictDoUpdate({
          target: [consents.userId, consents.kind, consents.version],
          set: { givenAt: at, ip: input.ip },
        })
      await audit(tx, {
        actorUserId: input.applicantUserId,
        actingOrgId: profile.orgId,
        action: 'apply-investor-verification',
        entity: 'investor_verification',
        entityId: verificationId,
        data: { basis: values.basis, files: sealed.length },
        ip: input.ip,
      })
    })
  } catch (error) {
    for (const s of sealed) await storage.remove(s.key)
    // The partial unique index allows one waiting application per profile.
    if (isUniqueViolation(error)) throw new UserError('investors:errors.alreadyWaiting')
    throw error
  }
  return verificationId
}

/** The applicant's view: every application of the profile, newest first, and the access log. */
export async function verificationOverview(profileId: string) {
  const history = await db()
    .select({
      id: investorVerifications.id,
      status: investorVerifications.status,
      basis: investorVerifications.basis,
      declaredFen: investorVerifications.declaredFen,
      reason: investorVerifications.reason,
      decidedAt: investorVerifications.decidedAt,
      expiresAt: investorVerifications.expiresAt,
      evidencePurgedAt: investorVerifications.evidencePurgedAt,
      createdAt: investorVerifications.createdAt,
    })
    .from(investorVerifications)
    .where(eq(investorVerifications.investorProfileId, profileId))
    .orderBy(desc(investorVerifications.createdAt))
  const ids = history.map((h) => h.id)
  const [files, access] = ids.length
    ? await Promise.all([
        db()
          .select({
            id: investorEvidenceFiles.id,
            verificationId: investorEvidenceFiles.verificationId,
            originalName: investorEvidenceFiles.originalName,
            sizeBytes: investorEvidenceFiles.sizeBytes,
            purgedAt: investorEvidenceFiles.purgedAt,
          })
          .from(investorEvidenceFiles)
          .where(inArray(investorEvidenceFiles.verificationId, ids))
          .orderBy(asc(investorEvidenceFiles.createdAt)),
        db()
          .select({
            id: evidenceAccessLog.id,
            verificationId: evidenceAccessLog.verificationId,
            fileName: investorEvidenceFiles.originalName,
            action: evidenceAccessLog.action,
            actorName: users.name,
            at: evidenceAccessLog.at,
          })
          .from(evidenceAccessLog)
          .leftJoin(users, eq(users.id, evidenceAccessLog.actorUserId))
          .leftJoin(investorEvidenceFiles, eq(investorEvidenceFiles.id, evidenceAccessLog.fileId))
          .where(inArray(evidenceAccessLog.verificationId, ids))
          .orderBy(desc(evidenceAccessLog.at))
          .limit(200),
      ])
    : [[], []]
  return {
    history: history.map((h) => ({ ...h, files: files.filter((f) => f.verificationId === h.id) })),
    access,
  }
}
