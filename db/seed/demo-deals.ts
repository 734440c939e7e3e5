// Demo deals: fundraising profiles of the four demo startups, two angels (one also runs a
// verified firm) qualified as 合格投资者, and two live campaigns with a data room each.
import type { Tx } from '../client.server.ts'
import {
  campaignDocuments,
  campaigns,
  campaignVersions,
  investorProfiles,
  investorVerifications,
  startupProfiles,
} from '../schema/index.ts'
import type {
  CompanyForm,
  InvestorKind,
  QualificationBasis,
  StartupStage,
} from '../../app/domains/deals/deals.schema.ts'
import { dealTimers } from '../../app/domains/deals/timer-kinds.ts'
import { scheduleTimer } from '../../app/domains/timers/timers.server.ts'
import { storeUpload } from '../../app/domains/uploads/store-upload.server.ts'
import { samplePdf } from './demo-documents.ts'

const DAY = 86_400_000
const WAN = 1_000_000 // ¥1万 in fen

type DemoStartup = {
  orgKey: string
  oneLiner: string
  stage: StartupStage
  foundedOn: string
  team: { name: string; role: string; bio: string }[]
  traction: { label: string; value: string }[]
  seekingWan: number
  minTicketWan: number
  companyForm: CompanyForm
  existingHolders: number
}

export const demoStartupProfiles: readonly DemoStartup[] = [
  {
    orgKey: 'nanoge-materials',
    oneLiner: '动力电池隔膜用纳米陶瓷涂层材料，已向两家电池厂送样',
    stage: 'seed',
    foundedOn: '2024-03-18',
    team: [
      { name: '王浩然', role: '创始人、CEO', bio: '中科院江南材料所博士，十年无机涂层研究经历。' },
      { name: '李婧', role: '联合创始人、CTO', bio: '曾任某头部隔膜企业工艺工程师。' },
    ],
    traction: [
      { label: '送样电池厂', value: '2 家' },
      { label: '发明专利', value: '3 项（已授权 1 项）' },
      { label: '中试产能', value: '每月 20 万平方米' },
    ],
    seekingWan: 500,
    minTicketWan: 10,
    companyForm: 'llc',
    existingHolders: 4,
  },
  {
    orgKey: 'jushi-vision',
    oneLiner: '面向 SMT 产线的深度学习表面缺陷视觉检测系统',
    stage: 'angel',
    foundedOn: '2022-09-01',
    team: [{ name: '赵一鸣', role: '创始人、CEO', bio: '前某手机代工厂自动化部门负责人。' }],
    traction: [
      { label: '已上线产线', value: '3 条' },
      { label: '漏检率', value: '< 0.05%' },
    ],
    seekingWan: 800,
    minTicketWan: 20,
    companyForm: 'llc',
    existingHolders: 6,
  },
  {
    orgKey: 'weigou-robotics',
    oneLiner: '精密装配用柔性协作机械臂和力控末端执行器',
    stage: 'seed',
    foundedOn: '2023-06-12',
    team: [
      { name: '唐鑫', role: '创始人、CEO', bio: '机器人学博士，曾在协作机器人企业负责力控算法。' },
    ],
    traction: [{ label: '试点客户', value: '2 家 3C 装配厂' }],
    seekingWan: 300,
    minTicketWan: 10,
    companyForm: 'llc',
    existingHolders: 2,
  },
  {
    orgKey: 'chengxi-bio',
    oneLiner: '基于微流控芯片的肿瘤早筛液体活检试剂盒',
    stage: 'idea',
    foundedOn: '2025-01-08',
    team: [{ name: '孙雅琪', role: '创始人', bio: '钱塘医科大学生物医学工程博士后。' }],
    traction: [{ label: '临床前样本', value: '320 例' }],
    seekingWan: 200,
    minTicketWan: 5,
    companyForm: 'llc',
    existingHolders: 1,
  },
]

type DemoInvestor = {
  personKey: string
  kind: InvestorKind
  /** The firm's org key, for an institution. */
  orgKey?: string
  displayName: string
  bio: string
  segments: string[]
  stages: StartupStage[]
  ticketWan: [number, number]
  regions: string[]
  portfolio: { name: string; year: number | null; note: string }[]
  annualLimitWan: number | null
  contactEmail: string
  contactPhone: string
  basis: QualificationBasis
  declaredWan: number
}

export const demoInvestors: readonly DemoInvestor[] = [
  {
    personKey: 'zhengkai',
    kind: 'individual',
    displayName: '郑凯',
    bio: '连续创业者，2019 年起以个人身份投资硬科技早期项目，关注新材料与智能制造。',
    segments: ['3.6', '2.1'],
    stages: ['seed', 'angel'],
    ticketWan: [20, 100],
    regions: ['江苏', '上海', '浙江'],
    portfolio: [{ name: '某固态电解质初创企业', year: 2022, note: '天使轮' }],
    annualLimitWan: 300,
    contactEmail: 'zhengkai@demo.zhongchuang.cn',
    contactPhone: '138 0000 0105',
    basis: 'financial_assets',
    declaredWan: 860,
  },
  {
    personKey: 'zhengkai',
    kind: 'institution',
    orgKey: 'qimu-angel',
    displayName: '栖木天使',
    bio: '专注硬科技早期项目的天使投资机构，单笔投资一般在三百万元到一千万元之间。',
    segments: ['1.5', '3.6', '9.1'],
    stages: ['seed', 'angel', 'a'],
    ticketWan: [300, 1000],
    regions: [],
    portfolio: [
      { name: '某工业视觉企业', year: 2021, note: 'A 轮领投' },
      { name: '某储能材料企业', year: 2023, note: '天使轮' },
    ],
    annualLimitWan: null,
    contactEmail: 'deals@qimu-angel.demo.zhongchuang.cn',
    contactPhone: '010-8000 0011',
    basis: 'net_assets',
    declaredWan: 12000,
  },
  {
    personKey: 'wuting',
    kind: 'individual',
    displayName: '吴婷',
    bio: '医疗器械行业从业十五年，投资生物医药和医疗器械种子轮、天使轮项目。',
    segments: ['4.1', '4.2'],
    stages: ['idea', 'seed'],
    ticketWan: [5, 50],
    regions: ['浙江', '上海'],
    portfolio: [],
    annualLimitWan: 200,
    contactEmail: 'wuting@demo.zhongchuang.cn',
    contactPhone: '139 0000 0110',
    basis: 'annual_income',
    declaredWan: 96,
  },
]

export const demoCampaigns = [
  {
    slug: 'nanoge-separator-coating',
    orgKey: 'nanoge-materials',
    title: '纳格新材料种子轮：隔膜陶瓷涂层中试线',
    oneLiner: '建设每月 100 万平方米的隔膜陶瓷涂层中试线，完成两家电池厂的认证',
    targetWan: 500,
    maxWan: 600,
    minTicketWan: 10,
    minimumAcceptWan: 400,
    preMoneyWan: 4500,
    deadlineInDays: 40,
    useOfFunds: '中试线设备 55%，认证与送样 20%，研发人员 15%，运营 10%。',
    details:
      '公司已完成小试和每月 20 万平方米的中试验证，两家电池厂的送样测试进入第二轮。本轮资金用于扩建中试线和完成客户认证。',
    segments: ['3.6'],
  },
  {
    slug: 'jushi-vision-inspection',
    orgKey: 'jushi-vision',
    title: '矩视智能天使轮：SMT 缺陷检测系统规模化部署',
    oneLiner: '把已在三条产线验证的视觉检测系统推广到二十条产线',
    targetWan: 800,
    maxWan: 1000,
    minTicketWan: 20,
    minimumAcceptWan: 600,
    preMoneyWan: 7200,
    deadlineInDays: 55,
    useOfFunds: '部署与交付团队 40%，算法研发 35%，市场 15%，运营 10%。',
    details: '系统已在三条 SMT 产线上线运行一年，漏检率低于 0.05%。',
    segments: ['1.5', '2.1'],
  },
] as const

const RISK = `股权众筹投资风险很高，请仅以您能够承受全部损失的资金参与：
1. 初创企业经营失败率高，您可能损失全部投资；
2. 未上市公司股权流动性差，短期内难以转让或退出；
3. 后续融资会稀释您的持股比例；
4. 本项目的财务预测不构成收益承诺。`

const NDA =
  '您承诺对数据室中的全部资料（包括财务数据、客户信息、技术文档）严格保密，仅用于评估本次投资，不向任何第三方披露，不复制、不传播。'

export async function seedDemoDeals(
  tx: Tx,
  personIds: ReadonlyMap<string, string>,
  orgIds: ReadonlyMap<string, string>,
): Promise<void> {
  const at = new Date()
  for (const s of demoStartupProfiles) {
    const orgId = orgIds.get(s.orgKey)
    if (!orgId) continue
    await tx.insert(startupProfiles).values({
      orgId,
      oneLiner: s.oneLiner,
      stage: s.stage,
      foundedOn: s.foundedOn,
      team: s.team,
      traction: s.traction,
      seekingFen: s.seekingWan * WAN,
      minTicketFen: s.minTicketWan * WAN,
      companyForm: s.companyForm,
      existingHolders: s.existingHolders,
      lastActiveAt: at,
      createdAt: at,
      updatedAt: at,
    })
  }
  for (const i of demoInvestors) {
    const userId = personIds.get(i.personKey)
    const orgId = i.orgKey ? orgIds.get(i.orgKey) : undefined
    if (!userId || (i.kind === 'institution' && !orgId)) continue
    const [profile] = await tx
      .insert(investorProfiles)
      .values({
        kind: i.kind,
        userId: i.kind === 'individual' ? userId : null,
        orgId: i.kind === 'institution' ? orgId : null,
        displayName: i.displayName,
        bio: i.bio,
        thesisSegments: i.segments,
        thesisStages: i.stages,
        ticketMinFen: i.ticketWan[0] * WAN,
        ticketMaxFen: i.ticketWan[1] * WAN,
        regions: i.regions,
        portfolio: i.portfolio,
        annualLimitFen: i.annualLimitWan === null ? null : i.annualLimitWan * WAN,
        contactEmail: i.contactEmail,
        contactPhone: i.contactPhone,
        lastActiveAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
    if (!profile) continue
    // Approved before the demo starts; the evidence of a demo approval was never uploaded, so
    // there is nothing to purge.
    await tx.insert(investorVerifications).values({
      investorProfileId: profile.id,
      applicantUserId: userId,
      basis: i.basis,
      declaredFen: i.declaredWan * WAN,
      declarationVersion: 'demo',
      sensitiveConsentAt: at,
      status: 'approved',
      decidedAt: at,
      reason: null,
      expiresAt: new Date(at.getTime() + 365 * DAY),
      evidencePurgedAt: at,
      createdAt: at,
      updatedAt: at,
    })
  }
  for (const c of demoCampaigns) {
    const orgId = orgIds.get(c.orgKey)
    const startup = demoStartupProfiles.find((s) => s.orgKey === c.orgKey)
    if (!orgId || !startup) continue
    const deadline = new Date(at.getTime() + c.deadlineInDays * DAY)
    const [row] = await tx
      .insert(campaigns)
      .values({
        slug: c.slug,
        orgId,
        status: 'live',
        title: c.title,
        oneLiner: c.oneLiner,
        targetFen: c.targetWan * WAN,
        maxFen: c.maxWan * WAN,
        minTicketFen: c.minTicketWan * WAN,
        minimumAcceptFen: c.minimumAcceptWan * WAN,
        preMoneyFen: c.preMoneyWan * WAN,
        securityType: 'ordinary',
        companyForm: startup.companyForm,
        vehicle: 'direct',
        existingHolders: startup.existingHolders,
        deadline,
        useOfFunds: c.useOfFunds,
        riskDisclosure: RISK,
        ndaBody: NDA,
        details: c.details,
        segments: [...c.segments],
        publishedAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
    if (!row) continue
    await tx.insert(campaignVersions).values({
      campaignId: row.id,
      version: 1,
      terms: {
        targetFen: row.targetFen,
        maxFen: row.maxFen,
        minTicketFen: row.minTicketFen,
        minimumAcceptFen: row.minimumAcceptFen,
        preMoneyFen: row.preMoneyFen,
        securityType: row.securityType,
        deadline: deadline.toISOString(),
      },
      createdAt: at,
    })
    await scheduleTimer(tx, {
      kind: dealTimers.campaignDeadline,
      subjectId: row.id,
      dueAt: deadline,
    })
    const ownerKey = c.orgKey === 'nanoge-materials' ? 'wanghaoran' : 'zhaoyiming'
    const ownerId = personIds.get(ownerKey)
    if (!ownerId) continue
    const bytes = samplePdf([
      'FINANCIAL SUMMARY 2025 (DEMO SAMPLE)',
      c.slug,
      'Revenue, costs and cash position',
      'Confidential: data room only',
    ])
    const upload = await storeUpload(tx, {
      file: { bytes, mime: 'application/pdf', ext: 'pdf', name: '2025年财务摘要.pdf' },
      purpose: 'campaign-data-room',
      ownerUserId: ownerId,
      ownerOrgId: orgId,
    })
    await tx.insert(campaignDocuments).values({
      campaignId: row.id,
      uploadId: upload.id,
      title: '2025 年财务摘要',
      addedByUserId: ownerId,
      createdAt: at,
    })
  }
}
