// Deals factories: startup profiles, investors (person or firm) with an approved qualification,
// and campaigns in any status. Rows are written directly; times come from the product's clock.
import type { Tx } from '../../db/client.server.ts'
import {
  campaigns,
  campaignVersions,
  investorProfiles,
  investorVerifications,
  startupProfiles,
} from '../../db/schema/index.ts'
import { now } from '../../app/clock.server.ts'
import type { CampaignStatus } from '../../app/domains/deals/deal.machine.ts'
import type {
  CompanyForm,
  InvestorKind,
  StartupStage,
  Vehicle,
} from '../../app/domains/deals/deals.schema.ts'
import { createOrg, createUser } from './index.ts'

const DAY = 86_400_000
let sequence = Math.floor(Math.random() * 90_000_000)
const next = () => ++sequence

/** A verified startup organisation with its owner and its fundraising profile. */
export async function createStartup(
  tx: Tx,
  input: Partial<{
    ownerId: string
    name: string
    city: string
    segments: string[]
    stage: StartupStage
    seekingFen: number | null
    minTicketFen: number | null
    companyForm: CompanyForm
    existingHolders: number
    lastActiveAt: Date
  }> = {},
) {
  const owner = input.ownerId ? { id: input.ownerId } : await createUser(tx)
  const org = await createOrg(tx, {
    type: 'startup',
    ownerId: owner.id,
    ...(input.name ? { name: input.name } : {}),
    city: input.city ?? '苏州',
    segments: input.segments ?? ['3.6'],
  })
  const at = now()
  const [profile] = await tx
    .insert(startupProfiles)
    .values({
      orgId: org.id,
      oneLiner: `${org.name}：面向新材料中试的柔性产线`,
      stage: input.stage ?? 'seed',
      foundedOn: '2023-04-01',
      team: [{ name: '张工', role: '创始人、CEO', bio: '材料学博士' }],
      traction: [{ label: '合作客户', value: '12 家' }],
      seekingFen: input.seekingFen === undefined ? 500_000_000 : input.seekingFen,
      minTicketFen: input.minTicketFen === undefined ? 10_000_000 : input.minTicketFen,
      companyForm: input.companyForm ?? 'llc',
      existingHolders: input.existingHolders ?? 3,
      lastActiveAt: input.lastActiveAt ?? at,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!profile) throw new Error('startup profile not created')
  return { org, owner, profile }
}

/**
 * An investor profile: a person (individual) or an investment firm (institution, with its owner),
 * qualified now unless `verified: false`.
 */
export async function createInvestor(
  tx: Tx,
  input: Partial<{
    kind: InvestorKind
    userId: string
    name: string
    verified: boolean
    annualLimitFen: number | null
    segments: string[]
    stages: string[]
    ticketMinFen: number
    ticketMaxFen: number
    regions: string[]
    visibility: 'public' | 'verified_startups'
    lastActiveAt: Date
  }> = {},
) {
  const n = next()
  const kind = input.kind ?? 'individual'
  const user = input.userId ? { id: input.userId } : await createUser(tx)
  const firm =
    kind === 'institution'
      ? await createOrg(tx, { type: 'investment_firm', ownerId: user.id, city: '上海' })
      : null
  const at = now()
  const [profile] = await tx
    .insert(investorProfiles)
    .values({
      kind,
      userId: kind === 'individual' ? user.id : null,
      orgId: firm?.id ?? null,
      displayName: input.name ?? (firm ? firm.name : `天使投资人${n}`),
      bio: '关注硬科技早期项目。',
      thesisSegments: input.segments ?? ['3.6'],
      thesisStages: input.stages ?? ['seed', 'angel'],
      ticketMinFen: input.ticketMinFen ?? 10_000_000,
      ticketMaxFen: input.ticketMaxFen ?? 100_000_000,
      regions: input.regions ?? [],
      visibility: input.visibility ?? 'public',
      annualLimitFen: input.annualLimitFen ?? null,
      contactEmail: `investor${n}@example.test`,
      contactPhone: '13800138000',
      lastActiveAt: input.lastActiveAt ?? at,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!profile) throw new Error('investor profile not created')
  if (input.verified !== false) {
    await tx.insert(investorVerifications).values({
      investorProfileId: profile.id,
      applicantUserId: user.id,
      basis: kind === 'institution' ? 'net_assets' : 'financial_assets',
      declaredFen: kind === 'institution' ? 2_000_000_000 : 500_000_000,
      declarationVersion: '2026-1',
      sensitiveConsentAt: at,
      status: 'approved',
      decidedAt: at,
      expiresAt: new Date(at.getTime() + 365 * DAY),
      createdAt: at,
      updatedAt: at,
    })
  }
  return { user, firm, profile }
}

/** A campaign of a startup (made when not given), live by default, deadline in 30 days. */
export async function createCampaign(
  tx: Tx,
  input: Partial<{
    orgId: string
    createdByUserId: string
    status: CampaignStatus
    title: string
    targetFen: number
    maxFen: number
    minTicketFen: number
    minimumAcceptFen: number
    preMoneyFen: number
    companyForm: CompanyForm
    vehicle: Vehicle
    existingHolders: number
    deadline: Date
    segments: string[]
  }> = {},
) {
  const n = next()
  const startup = input.orgId
    ? { org: { id: input.orgId }, owner: { id: input.createdByUserId ?? null } }
    : await createStartup(tx)
  const at = now()
  const status = input.status ?? 'live'
  const [campaign] = await tx
    .insert(campaigns)
    .values({
      slug: `campaign-${n}`,
      orgId: startup.org.id,
      createdByUserId: startup.owner.id,
      status,
      title: input.title ?? `柔性电子材料中试线 A 轮前融资 ${n}`,
      oneLiner: '把实验室里的柔性电子材料带到中试量产',
      targetFen: input.targetFen ?? 100_000_000,
      maxFen: input.maxFen ?? 150_000_000,
      minTicketFen: input.minTicketFen ?? 1_000_000,
      minimumAcceptFen: input.minimumAcceptFen ?? 80_000_000,
      preMoneyFen: input.preMoneyFen ?? 900_000_000,
      securityType: 'ordinary',
      companyForm: input.companyForm ?? 'llc',
      vehicle: input.vehicle ?? 'direct',
      existingHolders: input.existingHolders ?? 3,
      deadline: input.deadline ?? new Date(at.getTime() + 30 * DAY),
      useOfFunds: '中试线设备 60%，研发 30%，运营 10%。',
      riskDisclosure: '早期项目风险高，投资可能全部损失；股权流动性差，退出渠道有限。',
      ndaBody: '您同意对数据室内的全部资料保密，不向第三方披露。',
      details: '公司已完成小试，正在建设中试线。',
      segments: input.segments ?? ['3.6'],
      publishedAt: status === 'draft' ? null : at,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!campaign) throw new Error('campaign not created')
  await tx.insert(campaignVersions).values({
    campaignId: campaign.id,
    version: 1,
    terms: { targetFen: campaign.targetFen, preMoneyFen: campaign.preMoneyFen },
    createdByUserId: startup.owner.id,
    createdAt: at,
  })
  return campaign
}
