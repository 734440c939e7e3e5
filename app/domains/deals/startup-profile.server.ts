// A startup organisation's fundraising profile: its public page (/startups/:slug), the values its
// edit form starts from, and saving it (logo upload, last activity, the search document).
import { yuanField } from '../payments/money.ts'
import { and, desc, eq } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  campaigns,
  organisations,
  spaceMemberships,
  spaces,
  startupProfiles,
} from '../../../db/schema/index.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { now } from '../../clock.server.ts'
import type { Auth } from '../accounts/auth.server.ts'
import { membershipOf } from '../accounts/auth.server.ts'
import { audit } from '../admin/audit.server.ts'
import { checkUpload, storeUpload, type CheckedFile } from '../uploads/store-upload.server.ts'
import { profilesActedBy } from './investor-standing.server.ts'
import type { StartupProfileValues } from './startup-profile.schema.ts'

export type StartupProfile = typeof startupProfiles.$inferSelect

/** The startup organisation with this slug, or null (any other kind of organisation too). */
export async function startupOrgBySlug(tx: Tx, slug: string) {
  const org = await tx
    .select()
    .from(organisations)
    .where(eq(organisations.slug, slug))
    .then((r) => r[0])
  return org && org.type === 'startup' ? org : null
}

/** The spaces the startup is an active member of now, for its page and its search document. */
export async function startupSpaces(tx: Tx, orgId: string) {
  return tx
    .select({
      slug: spaces.slug,
      name: spaces.name,
      nameEn: spaces.nameEn,
      stage: spaceMemberships.stage,
    })
    .from(spaceMemberships)
    .innerJoin(spaces, eq(spaces.id, spaceMemberships.spaceId))
    .where(and(eq(spaceMemberships.memberOrgId, orgId), eq(spaceMemberships.status, 'active')))
    .orderBy(spaces.name)
}

/**
 * The public page's data, or null when there is nothing to show this viewer: a startup that is
 * not verified (or has no profile yet) is seen only by its own people.
 */
export async function startupPage(slug: string, auth: Auth | null) {
  const org = await startupOrgBySlug(db(), slug)
  if (!org) return null
  const member = auth ? membershipOf(auth, org.id) : undefined
  if (org.status !== 'verified' && !member) return null
  const profile = await db()
    .select()
    .from(startupProfiles)
    .where(eq(startupProfiles.orgId, org.id))
    .then((r) => r[0] ?? null)
  if (!profile && !member) return null
  const [memberOf, live, actsForInvestor] = await Promise.all([
    startupSpaces(db(), org.id),
    // The live campaign's teaser is public; its terms stay on the campaign page behind its checks.
    db()
      .select({ slug: campaigns.slug, title: campaigns.title, oneLiner: campaigns.oneLiner })
      .from(campaigns)
      .where(and(eq(campaigns.orgId, org.id), eq(campaigns.status, 'live')))
      .orderBy(desc(campaigns.publishedAt))
      .limit(1)
      .then((r) => r[0] ?? null),
    auth ? profilesActedBy(db(), auth.user.id).then((p) => p.length > 0) : false,
  ])
  return {
    org: {
      id: org.id,
      slug: org.slug,
      name: org.name,
      nameEn: org.nameEn,
      city: org.city,
      segments: org.segments,
      description: org.description,
      verified: org.status === 'verified',
    },
    profile: profile
      ? {
          oneLiner: profile.oneLiner,
          stage: profile.stage,
          foundedOn: profile.foundedOn,
          team: profile.team,
          traction: profile.traction,
          logoUploadId: profile.logoUploadId,
          seekingFen: profile.seekingFen,
          minTicketFen: profile.minTicketFen,
          companyForm: profile.companyForm,
          existingHolders: profile.existingHolders,
          updatedAt: profile.updatedAt,
        }
      : null,
    spaces: memberOf,
    liveCampaign: live,
    canEdit: member !== undefined && (member.role === 'owner' || member.role === 'admin'),
    canRequestIntro: actsForInvestor && member === undefined,
  }
}

/** The edit form's starting values: the saved profile, or an empty one for a first save. */
export async function startupFormDefaults(orgId: string) {
  const profile = await db()
    .select()
    .from(startupProfiles)
    .where(eq(startupProfiles.orgId, orgId))
    .then((r) => r[0] ?? null)
  return {
    exists: profile !== null,
    logoUploadId: profile?.logoUploadId ?? null,
    defaults: {
      oneLiner: profile?.oneLiner ?? '',
      stage: profile?.stage ?? '',
      foundedOn: profile?.foundedOn ?? '',
      team: profile?.team ?? [],
      traction: profile?.traction ?? [],
      seekingYuan: yuanField(profile?.seekingFen ?? null),
      minTicketYuan: yuanField(profile?.minTicketFen ?? null),
      companyForm: profile?.companyForm ?? 'llc',
      existingHolders: String(profile?.existingHolders ?? 1),
    },
  }
}

/** The logo, checked before any write so a bad file leaves the form as it was. */
export async function checkLogo(file: File | null): Promise<CheckedFile | null> {
  if (!file || file.size === 0) return null
  return checkUpload(file, 'startup-logo', 'logo')
}

/** Creates or updates the profile; the caller has checked `raise:money:own` on the org. */
export async function saveStartupProfile(input: {
  orgId: string
  actorUserId: string
  values: StartupProfileValues
  logo: CheckedFile | null
  ip: string
}): Promise<void> {
  const v = input.values
  await db().transaction(async (tx) => {
    const at = now()
    const existing = await tx
      .select({ logoUploadId: startupProfiles.logoUploadId })
      .from(startupProfiles)
      .where(eq(startupProfiles.orgId, input.orgId))
      .for('update')
      .then((r) => r[0])
    let logoUploadId = v.removeLogo ? null : (existing?.logoUploadId ?? null)
    if (input.logo) {
      const stored = await storeUpload(tx, {
        file: input.logo,
        purpose: 'startup-logo',
        ownerUserId: input.actorUserId,
        ownerOrgId: input.orgId,
      })
      logoUploadId = stored.id
    }
    const fields = {
      oneLiner: v.oneLiner,
      stage: v.stage,
      foundedOn: v.foundedOn,
      team: v.team,
      traction: v.traction,
      logoUploadId,
      seekingFen: v.seekingFen,
      minTicketFen: v.minTicketFen,
      companyForm: v.companyForm,
      existingHolders: v.existingHolders,
      lastActiveAt: at,
      updatedAt: at,
    }
    if (existing) {
      await tx.update(startupProfiles).set(fields).where(eq(startupProfiles.orgId, input.orgId))
    } else {
      await tx.insert(startupProfiles).values({ orgId: input.orgId, ...fields, createdAt: at })
    }
    await indexLater(tx, 'startup', input.orgId)
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: input.orgId,
      action: existing ? 'update-startup-profile' : 'create-startup-profile',
      entity: 'startup_profile',
      entityId: input.orgId,
      ip: input.ip,
    })
  })
}

/** A logo shown on the public page of a verified startup is public, like the page. */
export async function isPublicStartupLogo(uploadId: string): Promise<boolean> {
  const [hit] = await db()
    .select({ orgId: startupProfiles.orgId })
    .from(startupProfiles)
    .innerJoin(organisations, eq(organisations.id, startupProfiles.orgId))
    .where(and(eq(startupProfiles.logoUploadId, uploadId), eq(organisations.status, 'verified')))
    .limit(1)
  return hit !== undefined
}
