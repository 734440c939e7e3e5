// A verifier's side of 合格投资者 applications: the queue, one application in full, and the
// decision (approve for a year, or reject with a reason the investor sees). Both decisions
// schedule the evidence's deletion 30 days on; approval also schedules its expiry. Nobody decides
// an application of their own or of a firm they act for.
import { and, desc, eq, isNotNull, ne } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  evidenceAccessLog,
  investorEvidenceFiles,
  investorProfiles,
  investorVerificationEvents,
  investorVerifications,
  organisations,
  users,
} from '../../../db/schema/index.ts'
import { isUuid } from '../../../db/ids.ts'
import { now } from '../../clock.server.ts'
import { shanghaiToday } from '../../shanghai-time.server.ts'
import { audit } from '../admin/audit.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { UserError } from '../problems.ts'
import { scheduleTimer } from '../timers/timers.server.ts'
import { EVIDENCE_RETENTION_DAYS, VERIFICATION_VALID_DAYS } from './deals.schema.ts'
import { profilesActedBy } from './investor-standing.server.ts'
import { dealTimers } from './timer-kinds.ts'
import { moveVerification } from './transitions.server.ts'

const DAY = 86_400_000

const summary = {
  id: investorVerifications.id,
  status: investorVerifications.status,
  basis: investorVerifications.basis,
  declaredFen: investorVerifications.declaredFen,
  createdAt: investorVerifications.createdAt,
  decidedAt: investorVerifications.decidedAt,
  reason: investorVerifications.reason,
  expiresAt: investorVerifications.expiresAt,
  profileId: investorProfiles.id,
  kind: investorProfiles.kind,
  displayName: investorProfiles.displayName,
  applicantName: users.name,
}

/** Waiting applications, oldest first, and the latest decisions. */
export async function verificationQueue() {
  const base = () =>
    db()
      .select(summary)
      .from(investorVerifications)
      .innerJoin(investorProfiles, eq(investorProfiles.id, investorVerifications.investorProfileId))
      .innerJoin(users, eq(users.id, investorVerifications.applicantUserId))
  const [waiting, decided] = await Promise.all([
    base()
      .where(eq(investorVerifications.status, 'submitted'))
      .orderBy(investorVerifications.createdAt)
      .limit(200),
    base()
      .where(
        and(
          ne(investorVerifications.status, 'submitted'),
          isNotNull(investorVerifications.decidedAt),
        ),
      )
      .orderBy(desc(investorVerifications.decidedAt))
      .limit(30),
  ])
  return { waiting, decided }
}

/** Whether this person applied, or acts for the profile applied for (their own or their firm's). */
export async function isOwnApplication(
  userId: string,
  v: { applicantUserId: string; investorProfileId: string },
  tx: Tx = db(),
): Promise<boolean> {
  if (v.applicantUserId === userId) return true
  const acted = await profilesActedBy(tx, userId)
  return acted.some((p) => p.id === v.investorProfileId)
}

/** One application with its applicant, profile, history and access log (not its files). */
export async function verificationDetail(id: string) {
  if (!isUuid(id)) return null
  const row = await db()
    .select({
      v: investorVerifications,
      profile: investorProfiles,
      applicant: { name: users.name, email: users.email },
      firm: { name: organisations.name, slug: organisations.slug },
    })
    .from(investorVerifications)
    .innerJoin(investorProfiles, eq(investorProfiles.id, investorVerifications.investorProfileId))
    .innerJoin(users, eq(users.id, investorVerifications.applicantUserId))
    .leftJoin(organisations, eq(organisations.id, investorProfiles.orgId))
    .where(eq(investorVerifications.id, id))
    .then((r) => r[0])
  if (!row) return null
  const [history, access, fileCount] = await Promise.all([
    db()
      .select({
        id: investorVerificationEvents.id,
        action: investorVerificationEvents.action,
        fromStatus: investorVerificationEvents.fromStatus,
        toStatus: investorVerificationEvents.toStatus,
        note: investorVerificationEvents.note,
        at: investorVerificationEvents.at,
        actorName: users.name,
      })
      .from(investorVerificationEvents)
      .leftJoin(users, eq(users.id, investorVerificationEvents.actorUserId))
      .where(eq(investorVerificationEvents.verificationId, id))
      .orderBy(investorVerificationEvents.at),
    db()
      .select({
        id: evidenceAccessLog.id,
        action: evidenceAccessLog.action,
        at: evidenceAccessLog.at,
        ip: evidenceAccessLog.ip,
        actorName: users.name,
        fileName: investorEvidenceFiles.originalName,
      })
      .from(evidenceAccessLog)
      .leftJoin(users, eq(users.id, evidenceAccessLog.actorUserId))
      .leftJoin(investorEvidenceFiles, eq(investorEvidenceFiles.id, evidenceAccessLog.fileId))
      .where(eq(evidenceAccessLog.verificationId, id))
      .orderBy(desc(evidenceAccessLog.at))
      .limit(100),
    db()
      .select({ id: investorEvidenceFiles.id })
      .from(investorEvidenceFiles)
      .where(eq(investorEvidenceFiles.verificationId, id))
      .then((r) => r.length),
  ])
  const p = row.profile
  return {
    verification: row.v,
    profile: {
      id: p.id,
      kind: p.kind,
      displayName: p.displayName,
      annualLimitFen: p.annualLimitFen,
      firm: p.kind === 'institution' ? row.firm : null,
    },
    applicant: row.applicant,
    history,
    access,
    fileCount,
  }
}

export type Decision = { intent: 'approve' } | { intent: 'reject'; reason: string }

export async function decideVerification(input: {
  verificationId: string
  decision: Decision
  actorUserId: string
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const v = await tx
      .select()
      .from(investorVerifications)
      .where(eq(investorVerifications.id, input.verificationId))
      .for('update')
      .then((r) => r[0])
    if (!v) throw new UserError('investors:errors.notFound')
    if (await isOwnApplication(input.actorUserId, v, tx))
      throw new UserError('investors:errors.ownApplication')
    const profile = await tx
      .select()
      .from(investorProfiles)
      .where(eq(investorProfiles.id, v.investorProfileId))
      .then((r) => r[0])
    if (!profile) throw new Error(`investor profile ${v.investorProfileId} vanished`)
    const at = now()
    const approve = input.decision.intent === 'approve'
    const reason = input.decision.intent === 'reject' ? input.decision.reason : null
    const expiresAt = approve ? new Date(at.getTime() + VERIFICATION_VALID_DAYS * DAY) : null
    await moveVerification(tx, {
      verificationId: v.id,
      action: approve ? 'approve' : 'reject',
      actorRoles: ['verifier'],
      actorUserId: input.actorUserId,
      note: reason,
      set: { decidedByUserId: input.actorUserId, decidedAt: at, reason, expiresAt },
    })
    if (expiresAt)
      await scheduleTimer(tx, {
        kind: dealTimers.verificationExpiry,
        subjectId: v.id,
        dueAt: expiresAt,
      })
    await scheduleTimer(tx, {
      kind: dealTimers.evidencePurge,
      subjectId: v.id,
      dueAt: new Date(at.getTime() + EVIDENCE_RETENTION_DAYS * DAY),
    })
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: approve ? 'approve-investor' : 'reject-investor',
      entity: 'investor_verification',
      entityId: v.id,
      data: reason ? { reason, profileId: profile.id } : { profileId: profile.id },
      ip: input.ip,
    })
    await notifyInvestor(tx, profile, v.applicantUserId, approve, {
      expiresOn: expiresAt ? shanghaiToday(expiresAt) : '',
      reason: reason ?? '',
    })
  })
}

/** The person, or the firm's owners and admins and the applicant. */
export async function notifyInvestor(
  tx: Tx,
  profile: { kind: string; userId: string | null; orgId: string | null },
  applicantUserId: string,
  approve: boolean,
  params: { expiresOn: string; reason: string },
): Promise<void> {
  const who = {
    userId: profile.kind === 'individual' ? profile.userId : applicantUserId,
    orgId: profile.kind === 'institution' ? profile.orgId : null,
    orgRoles: ['owner', 'admin'] as const,
    link: '/investors/verification',
  }
  if (approve)
    await notifyParty(tx, {
      ...who,
      kind: 'investor.approved',
      params: { expiresOn: params.expiresOn },
    })
  else
    await notifyParty(tx, { ...who, kind: 'investor.rejected', params: { reason: params.reason } })
}
