// The vocabulary of deals (股权众筹 and angel matching): stages, company forms and their holder
// limits, security types, investor kinds, the qualified-investor thresholds and the time rules,
// the limits of profiles and intros, and the texts an investor applicant agrees to. One `as const`
// list each, feeding the database, zod and the pages; no zod here, so pages can read it.

export const startupStages = ['idea', 'seed', 'angel', 'a'] as const
export type StartupStage = (typeof startupStages)[number]

/** 有限责任公司 and 股份有限公司: the company form decides how many holders it may have. */
export const companyForms = ['llc', 'joint_stock'] as const
export type CompanyForm = (typeof companyForms)[number]

/** 公司法: at most 50 shareholders of a 有限责任公司, 200 promoters/holders of a 股份有限公司. */
export const HOLDER_LIMIT: Record<CompanyForm, number> = { llc: 50, joint_stock: 200 }

/**
 * How investors come in: directly as holders of the company, or through one 有限合伙 vehicle
 * that becomes a single holder of the company. 合伙企业法 limits a 有限合伙 to 50 partners, and
 * one of them is the general partner, so 49 investors at most.
 */
export const vehicles = ['direct', 'lp'] as const
export type Vehicle = (typeof vehicles)[number]
export const LP_PARTNER_LIMIT = 50
export const LP_INVESTOR_LIMIT = LP_PARTNER_LIMIT - 1

export const securityTypes = ['ordinary', 'preferred', 'convertible'] as const
export type SecurityType = (typeof securityTypes)[number]

export const investorKinds = ['individual', 'institution'] as const
export type InvestorKind = (typeof investorKinds)[number]

/**
 * What a qualified-investor (合格投资者) application declares, per 私募投资基金监督管理暂行办法
 * (2014) 第十二条: an individual's financial assets of at least ¥3,000,000 or average annual
 * income of at least ¥500,000 over the last three years; an institution's net assets of at
 * least ¥10,000,000.
 */
export const qualificationBases = ['financial_assets', 'annual_income', 'net_assets'] as const
export type QualificationBasis = (typeof qualificationBases)[number]
export const QUALIFICATION_THRESHOLD_FEN: Record<QualificationBasis, number> = {
  financial_assets: 300_000_000,
  annual_income: 50_000_000,
  net_assets: 1_000_000_000,
}
export const BASES_BY_KIND: Record<InvestorKind, readonly QualificationBasis[]> = {
  individual: ['financial_assets', 'annual_income'],
  institution: ['net_assets'],
}

/** An approval is good for a year; the evidence files are deleted 30 days after the decision. */
export const VERIFICATION_VALID_DAYS = 365
export const EVIDENCE_RETENTION_DAYS = 30

/** An investor profile is public, or shown only to verified startups. */
export const profileVisibilities = ['public', 'verified_startups'] as const
export type ProfileVisibility = (typeof profileVisibilities)[number]

/**
 * How a commitment is paid: a card saved now and charged only if the campaign succeeds, or
 * paid now (Alipay / WeChat Pay through Checkout, or a bank transfer) and refunded if it fails.
 */
export const commitmentMethods = ['card', 'pay_now'] as const
export type CommitmentMethod = (typeof commitmentMethods)[number]

/** Campaign time rules. */
export const CAMPAIGN_MAX_DAYS = 90
/** An investor may cancel until this long before the deadline. */
export const COOLING_OFF_CUTOFF_HOURS = 48
/** After a material change, investors have this long to reconfirm. */
export const RECONFIRM_HOURS = 120
/** After the deadline with the target committed, cards are charged for this long. */
export const COLLECTION_WINDOW_DAYS = 7
/** After a short collection, the startup has this long to accept the smaller amount. */
export const PARTIAL_DECISION_DAYS = 7
/** A commitment not paid (or its card not saved) within this long is called off. */
export const COMMITMENT_PAY_HOURS = 24

/** Intros: at most this many requests a week per sender; a decline blocks repeats this long. */
export const INTROS_PER_WEEK = 10
export const INTRO_DECLINE_BLOCK_DAYS = 90
export const introSides = ['startup', 'investor'] as const
export type IntroSide = (typeof introSides)[number]
/** The longest intro request message, and the longest reason for declining one. */
export const INTRO_MESSAGE_MAX = 1000
export const DECLINE_REASON_MAX = 500

/** Where campaigns are seen: a teaser for everyone, or nothing unless a verified investor. */
export const campaignVisibilities = ['teaser', 'investors-only'] as const
export type CampaignVisibility = (typeof campaignVisibilities)[number]

/** Equity offered, in millionths (ppm): amount ÷ (pre-money + amount), rounded half up. */
export function equityPpm(amountFen: number, preMoneyFen: number): number {
  const post = preMoneyFen + amountFen
  if (post <= 0) return 0
  return Math.round((amountFen * 1_000_000) / post)
}

/** Rows a startup's profile lists at most: team members, traction lines. */
export const MAX_TEAM = 8
export const MAX_TRACTION = 8

/** Rows an investor's profile lists at most: past investments, regions. */
export const MAX_PORTFOLIO = 12
export const MAX_REGIONS = 20

/** Files of evidence one qualified-investor application carries at most. */
export const MAX_EVIDENCE_FILES = 5

// The two texts a qualified-investor applicant agrees to: the declaration (signed, versioned) and
// the separate consent to processing sensitive personal information that PIPL 第二十九条
// requires (单独同意). A changed text gets a new version; the version agreed to is stored with
// each application.

/** The qualified-investor declaration an applicant signs, in the version they saw. */
export const DECLARATION = {
  version: '2026-11',
  'zh-CN':
    '本人/本机构承诺：所申报的资产或收入情况真实、准确、完整，所提交的证明材料均为真实有效的原件或复印件；' +
    '本人/本机构符合《私募投资基金监督管理暂行办法》第十二条规定的合格投资者条件，' +
    '具备相应的风险识别能力和风险承担能力，知悉股权投资可能损失全部本金、流动性差、退出渠道有限；' +
    '如所申报情况发生变化将及时告知平台。如有虚假，本人/本机构愿意承担由此产生的全部法律责任。',
  en:
    'I (or the institution I represent) declare that the assets or income stated are true, accurate and complete, ' +
    'and that the evidence submitted is genuine; that I meet the qualified-investor conditions of Article 12 of the ' +
    'Interim Measures for the Supervision and Administration of Private Investment Funds; that I can identify and ' +
    'bear the risks of equity investment, including the loss of all capital, illiquidity and limited exit; and that ' +
    'I will tell the platform if any of this changes. I accept full legal liability for any false statement.',
} as const

/** The separate consent to processing the evidence, sensitive personal information. */
export const SENSITIVE_CONSENT = {
  kind: 'investor-evidence-sensitive',
  version: '2026-11',
  'zh-CN':
    '我单独同意众创平台为审核合格投资者资格之目的，处理我提交的金融资产、收入等证明材料（属于敏感个人信息）。' +
    '这些材料加密存储，仅平台审核人员可查阅，每次查阅均被记录；审核决定作出 30 日后材料即被删除，审核结论予以保留。' +
    '不同意不影响平台其他功能的使用，但无法完成合格投资者认证。',
  en:
    'I separately consent to Zhongchuang processing the evidence of my financial assets or income I submit ' +
    '(sensitive personal information) for the purpose of verifying my qualified-investor status. The files are ' +
    'stored encrypted, only the platform’s verifiers can open them and every access is logged; they are deleted ' +
    '30 days after the decision, while the decision itself is kept. Without this consent the rest of the platform ' +
    'still works, but verification cannot be completed.',
} as const
