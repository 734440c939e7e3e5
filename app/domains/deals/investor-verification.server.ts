// The timed side of 合格投资者 verification: an approval expires a year after the decision, and
// the evidence files are deleted from storage 30 days after it (the decision, its history and the
// access log stay). Imported by app/domains/timers/handlers.server.ts, never by a route.
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import {
  investorEvidenceFiles,
  investorProfiles,
  investorVerifications,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { registerTimer } from '../timers/timers.server.ts'
import { getStorage } from '../uploads/storage.server.ts'
import { logEvidenceAccess } from './evidence-access.server.ts'
import { dealTimers } from './timer-kinds.ts'
import { moveVerification } from './transitions.server.ts'

/** Expires an approval whose year is up; one already expired (by a verifier) is left alone. */
export async function expireVerification(tx: Tx, verificationId: string): Promise<void> {
  const v = await tx
    .select()
    .from(investorVerifications)
    .where(eq(investorVerifications.id, verificationId))
    .for('update')
    .then((r) => r[0])
  if (!v || v.status !== 'approved' || !v.expiresAt || v.expiresAt > now()) return
  await moveVerification(tx, {
    verificationId,
    action: 'expire',
    actorRoles: ['system'],
    actorUserId: null,
  })
  const profile = await tx
    .select()
    .from(investorProfiles)
    .where(eq(investorProfiles.id, v.investorProfileId))
    .then((r) => r[0])
  if (!profile) return
  await notifyParty(tx, {
    userId: profile.kind === 'individual' ? profile.userId : v.applicantUserId,
    orgId: profile.kind === 'institution' ? profile.orgId : null,
    orgRoles: ['owner', 'admin'],
    kind: 'investor.expired',
    params: {},
    link: '/investors/verification',
  })
}

/** Deletes the application's evidence from storage and records it; safe to run twice. */
export async function purgeEvidence(tx: Tx, verificationId: string): Promise<void> {
  const files = await tx
    .select()
    .from(investorEvidenceFiles)
    .where(
      and(
        eq(investorEvidenceFiles.verificationId, verificationId),
        isNull(investorEvidenceFiles.purgedAt),
      ),
    )
    .for('update')
  const at = now()
  const storage = await getStorage()
  for (const f of files) {
    await storage.remove(f.storageKey)
    await tx
      .update(investorEvidenceFiles)
      .set({ purgedAt: at })
      .where(eq(investorEvidenceFiles.id, f.id))
    await logEvidenceAccess(tx, {
      verificationId,
      fileId: f.id,
      actorUserId: null,
      action: 'purge',
      ip: null,
    })
  }
  await tx
    .update(investorVerifications)
    .set({ evidencePurgedAt: at })
    .where(
      and(
        eq(investorVerifications.id, verificationId),
        isNull(investorVerifications.evidencePurgedAt),
      ),
    )
}

registerTimer(dealTimers.verificationExpiry, expireVerification)
registerTimer(dealTimers.evidencePurge, purgeEvidence)
