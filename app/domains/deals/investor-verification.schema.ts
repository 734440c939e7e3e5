// The 合格投资者 application form and the two texts an applicant agrees to: the declaration
// (signed, versioned) and the separate consent to processing sensitive personal information that
// PIPL 第二十九条 requires (单独同意). A changed text gets a new version; the version agreed to is
// stored with each application.
import { z } from 'zod'
import { parseYuan } from '../payments/money.ts'
import {
  qualificationBases,
  QUALIFICATION_THRESHOLD_FEN,
  type QualificationBasis,
} from './deals.schema.ts'

export const MAX_EVIDENCE_FILES = 5

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

const err = (key: string) => ({ error: `investors:errors.${key}` })

export type VerificationValues = { basis: QualificationBasis; declaredFen: number }

export const VerificationFormSchema = z
  .object({
    basis: z.enum(qualificationBases, err('basis')),
    declaredYuan: z
      .string(err('declaredRequired'))
      .trim()
      .min(1, err('declaredRequired'))
      .transform((v, ctx) => {
        const fen = parseYuan(v)
        if (fen === null || fen <= 0) {
          ctx.addIssue({ code: 'custom', message: 'investors:errors.amount' })
          return z.NEVER
        }
        return fen
      }),
    declaration: z.literal('on', err('declaration')),
    sensitiveConsent: z.literal('on', err('sensitiveConsent')),
  })
  .transform((f, ctx): VerificationValues => {
    const threshold = QUALIFICATION_THRESHOLD_FEN[f.basis]
    if (f.declaredYuan < threshold)
      ctx.addIssue({
        code: 'custom',
        message: `investors:errors.belowThreshold.${f.basis}`,
        path: ['declaredYuan'],
      })
    return { basis: f.basis, declaredFen: f.declaredYuan }
  })

export const DecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve') }),
  z.object({
    intent: z.literal('reject'),
    reason: z
      .string(err('reasonRequired'))
      .trim()
      .min(4, err('reasonRequired'))
      .max(1000, err('tooLong')),
  }),
])
