// Investor profiles: the public page (/investors/:id) with its visibility rule, and creating or
// editing the profile of the party a session acts for (the person, or an investment firm the
// person owns or administers). Contacts never leave this module for the public page: they are
// shown only once an intro is accepted, on the intro's own page.
import { yuanField } from '../payments/money.ts'
import { eq } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { investorProfiles, organisations } from '../../../db/schema/index.ts'
import { isUuid } from '../../../db/ids.ts'
import { now } from '../../clock.server.ts'
import { actingParty, type Auth } from '../accounts/auth.server.ts'
import { adminRolesAllow } from '../accounts/permissions.ts'
import { audit } from '../admin/audit.server.ts'
import { UserError } from '../problems.ts'
import type { InvestorKind } from './deals.schema.ts'
import type { InvestorProfileValues } from './investor-profile.schema.ts'
import {
  profilesActedBy,
  qualificationOf,
  type InvestorProfile,
} from './investor-standing.server.ts'

/** Whether this viewer may see a profile: public, or for people of verified startups. */
export function mayView(
  profile: Pick<InvestorProfile, 'visibility'>,
  viewer: { auth: Auth | null; own: boolean },
): boolean {
  if (profile.visibility === 'public' || viewer.own) return true
  const auth = viewer.auth
  if (!auth) return false
  if (adminRolesAllow(auth.adminRoles, 'view:admin:any')) return true
  return auth.memberships.some((m) => m.orgType === 'startup' && m.orgStatus === 'verified')
}

/** The public page's data (never the contacts), or null when this viewer may not see it. */
export async function investorPage(id: string, auth: Auth | null) {
  if (!isUuid(id)) return null
  const row = await db()
    .select({
      profile: investorProfiles,
      firm: { slug: organisations.slug, name: organisations.name },
    })
    .from(investorProfiles)
    .leftJoin(organisations, eq(organisations.id, investorProfiles.orgId))
    .where(eq(investorProfiles.id, id))
    .then((r) => r[0])
  if (!row) return null
  const p = row.profile
  const acted = auth ? await profilesActedBy(db(), auth.user.id) : []
  const own = acted.some((a) => a.id === p.id)
  if (!mayView(p, { auth, own })) return null
  const qualification = await qualificationOf(db(), p.id)
  // Who acts for a startup may ask for an intro: owners and admins of a startup organisation.
  const actsForStartup =
    auth?.memberships.some(
      (m) => m.orgType === 'startup' && (m.role === 'owner' || m.role === 'admin'),
    ) ?? false
  return {
    profile: {
      id: p.id,
      kind: p.kind,
      displayName: p.displayName,
      bio: p.bio,
      thesisSegments: p.thesisSegments,
      thesisStages: p.thesisStages,
      ticketMinFen: p.ticketMinFen,
      ticketMaxFen: p.ticketMaxFen,
      regions: p.regions,
      portfolio: p.portfolio,
      visibility: p.visibility,
      firm: p.kind === 'institution' ? row.firm : null,
    },
    verified: qualification ? { expiresAt: qualification.expiresAt } : null,
    own,
    canRequestIntro: actsForStartup && !own,
  }
}

export type InvestorSubject =
  | { kind: 'individual'; userId: string; orgId: null; name: string }
  | { kind: 'institution'; userId: null; orgId: string; name: string }

/**
 * Whose profile the session edits: the investment firm it acts for when the person owns or
 * administers it, else the person themself.
 */
export function investorSubject(auth: Auth): InvestorSubject {
  const party = actingParty(auth)
  if (party.kind === 'org') {
    const m = auth.memberships.find((x) => x.orgId === party.orgId)
    if (m && m.orgType === 'investment_firm' && (m.role === 'owner' || m.role === 'admin'))
      return { kind: 'institution', userId: null, orgId: m.orgId, name: m.name }
  }
  return { kind: 'individual', userId: auth.user.id, orgId: null, name: auth.user.name }
}

/** The profile of that subject, if it has one. */
export async function profileOfSubject(subject: InvestorSubject): Promise<InvestorProfile | null> {
  const rows = await db()
    .select()
    .from(investorProfiles)
    .where(
      subject.kind === 'institution'
        ? eq(investorProfiles.orgId, subject.orgId)
        : eq(investorProfiles.userId, subject.userId),
    )
  return rows.find((r) => r.kind === subject.kind) ?? null
}

/** The edit form's starting values. */
export function investorFormDefaults(profile: InvestorProfile | null, subject: InvestorSubject) {
  return {
    displayName: profile?.displayName ?? subject.name,
    bio: profile?.bio ?? '',
    thesisSegments: profile?.thesisSegments ?? [],
    thesisStages: profile?.thesisStages ?? [],
    ticketMinYuan: yuanField(profile?.ticketMinFen ?? null),
    ticketMaxYuan: yuanField(profile?.ticketMaxFen ?? null),
    regions: (profile?.regions ?? []).join('、'),
    portfolio: (profile?.portfolio ?? []).map((p) => ({
      name: p.name,
      year: p.year === null ? '' : String(p.year),
      note: p.note,
    })),
    visibility: profile?.visibility ?? 'public',
    annualLimitYuan: yuanField(profile?.annualLimitFen ?? null),
    contactEmail: profile?.contactEmail ?? '',
    contactPhone: profile?.contactPhone ?? '',
  }
}

/** Creates or updates the subject's profile; returns its id. */
export async function saveInvestorProfile(input: {
  auth: Auth
  subject: InvestorSubject
  values: InvestorProfileValues
  ip: string
}): Promise<string> {
  const { subject, values: v } = input
  if (subject.kind === 'institution') {
    const m = input.auth.memberships.find((x) => x.orgId === subject.orgId)
    if (!m || m.orgType !== 'investment_firm' || (m.role !== 'owner' && m.role !== 'admin'))
      throw new UserError('investors:errors.notFirmAdmin')
  }
  return db().transaction(async (tx) => {
    const at = now()
    const kind: InvestorKind = subject.kind
    const fields = {
      displayName: v.displayName,
      bio: v.bio,
      thesisSegments: v.thesisSegments,
      thesisStages: v.thesisStages,
      ticketMinFen: v.ticketMinFen,
      ticketMaxFen: v.ticketMaxFen,
      regions: v.regions,
      portfolio: v.portfolio,
      visibility: v.visibility,
      annualLimitFen: v.annualLimitFen,
      contactEmail: v.contactEmail,
      contactPhone: v.contactPhone,
      lastActiveAt: at,
      updatedAt: at,
    }
    const existing = (await profilesActedBy(tx, input.auth.user.id)).find((p) =>
      subject.kind === 'institution' ? p.orgId === subject.orgId : p.kind === 'individual',
    )
    let id: string
    if (existing) {
      await tx.update(investorProfiles).set(fields).where(eq(investorProfiles.id, existing.id))
      id = existing.id
    } else {
      const [row] = await tx
        .insert(investorProfiles)
        .values({ kind, userId: subject.userId, orgId: subject.orgId, ...fields, createdAt: at })
        .onConflictDoNothing()
        .returning({ id: investorProfiles.id })
      // A second tab saved first: the profile exists now; save over it.
      if (!row) throw new UserError('investors:errors.conflict')
      id = row.id
    }
    await audit(tx, {
      actorUserId: input.auth.user.id,
      actingOrgId: subject.orgId,
      action: existing ? 'update-investor-profile' : 'create-investor-profile',
      entity: 'investor_profile',
      entityId: id,
      ip: input.ip,
    })
    return id
  })
}
