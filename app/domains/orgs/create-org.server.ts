// Registering an organisation: its data, its 营业执照 and letter of authorisation, and the
// registering person as owner, in one transaction. A 信用代码 that is already registered opens
// a claim case for a verifier instead of a duplicate.
import { eq } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  claimCases,
  consents,
  orgDocuments,
  organisations,
  orgMembers,
  orgStatusEvents,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { PRIVACY_POLICY_VERSION } from '../accounts/sign-up.server.ts'
import { audit } from '../admin/audit.server.ts'
import { checkUpload, storeUpload } from '../uploads/store-upload.server.ts'
import type { OrgType } from './org.schema.ts'

export type CreateOrgInput = {
  userId: string
  ip: string
  type: OrgType
  name: string
  nameEn?: string
  uscc: string
  city: string
  segments: string[]
  description?: string
  license: File | null
  letter: File | null
}

export type CreateOrgResult = { kind: 'created'; slug: string } | { kind: 'claim'; claimId: string }

export function slugFor(nameEn: string | undefined, uscc: string): string {
  const base = (nameEn ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
  return base.length >= 3 ? `${base}-${uscc.slice(-4).toLowerCase()}` : `org-${uscc.toLowerCase()}`
}

export async function createOrg(input: CreateOrgInput): Promise<CreateOrgResult> {
  // Both files are checked before anything is written, so a bad file loses nothing.
  const license = await checkUpload(input.license, 'org-document', 'license')
  const letter = await checkUpload(input.letter, 'org-document', 'letter')
  return db().transaction(async (tx) => {
    const at = now()
    await tx
      .insert(consents)
      .values({
        userId: input.userId,
        kind: 'org-documents',
        version: PRIVACY_POLICY_VERSION,
        givenAt: at,
        ip: input.ip,
      })
      .onConflictDoNothing()
    const existing = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.uscc, input.uscc))
      .then((r) => r[0])
    if (existing) {
      const l = await storeUpload(tx, {
        file: license,
        purpose: 'org-document',
        ownerUserId: input.userId,
      })
      const m = await storeUpload(tx, {
        file: letter,
        purpose: 'org-document',
        ownerUserId: input.userId,
      })
      const [claim] = await tx
        .insert(claimCases)
        .values({
          orgId: existing.id,
          claimantUserId: input.userId,
          claimedName: input.name,
          message: input.description ?? '',
          licenseUploadId: l.id,
          letterUploadId: m.id,
          createdAt: at,
        })
        .returning({ id: claimCases.id })
      if (!claim) throw new Error('claim not created')
      await audit(tx, {
        actorUserId: input.userId,
        action: 'open-claim',
        entity: 'organisation',
        entityId: existing.id,
        ip: input.ip,
      })
      return { kind: 'claim', claimId: claim.id }
    }
    const [org] = await tx
      .insert(organisations)
      .values({
        slug: slugFor(input.nameEn, input.uscc),
        type: input.type,
        name: input.name,
        nameEn: input.nameEn || null,
        uscc: input.uscc,
        city: input.city,
        segments: input.segments,
        description: input.description ?? '',
        status: 'pending',
        createdByUserId: input.userId,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: organisations.id, slug: organisations.slug })
    if (!org) throw new Error('organisation not created')
    await tx
      .insert(orgMembers)
      .values({ orgId: org.id, userId: input.userId, role: 'owner', joinedAt: at })
    const l = await storeUpload(tx, {
      file: license,
      purpose: 'org-document',
      ownerUserId: input.userId,
      ownerOrgId: org.id,
    })
    const m = await storeUpload(tx, {
      file: letter,
      purpose: 'org-document',
      ownerUserId: input.userId,
      ownerOrgId: org.id,
    })
    await tx.insert(orgDocuments).values([
      { orgId: org.id, kind: 'business_license', uploadId: l.id, createdAt: at },
      { orgId: org.id, kind: 'authorisation_letter', uploadId: m.id, createdAt: at },
    ])
    await tx.insert(orgStatusEvents).values({
      orgId: org.id,
      action: 'submit',
      fromStatus: 'pending',
      toStatus: 'pending',
      actorUserId: input.userId,
      at,
    })
    await audit(tx, {
      actorUserId: input.userId,
      action: 'register-org',
      entity: 'organisation',
      entityId: org.id,
      ip: input.ip,
    })
    return { kind: 'created', slug: org.slug }
  })
}
