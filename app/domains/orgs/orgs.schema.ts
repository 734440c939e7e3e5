// Forms of organisations: registration, invitations, roles, claims, admin decisions.
import { z } from 'zod'
import { checkUscc } from './uscc.ts'
import { orgRoles, orgTypes } from './org.schema.ts'
import { segmentCodes } from '../spaces/segments.ts'
import { normaliseCity } from '../../../search/cities.ts'
import { claimDecisions } from './claim.machine.ts'

export const UsccFieldSchema = z
  .string({ error: 'orgs:errors.usccRequired' })
  .transform((v, ctx) => {
    const result = checkUscc(v)
    if (result.ok) return result.code
    ctx.addIssue({ code: 'custom', message: `orgs:errors.uscc.${result.problem}` })
    return z.NEVER
  })

const SegmentsSchema = z
  .array(z.string())
  .default([])
  .transform((list) => [...new Set(list)])
  .pipe(
    z
      .array(z.string().refine((s) => segmentCodes.has(s), { error: 'orgs:errors.segmentUnknown' }))
      .min(1, { error: 'orgs:errors.segmentsRequired' })
      .max(5, { error: 'orgs:errors.segmentsTooMany' }),
  )

export const CreateOrgSchema = z.object({
  type: z.enum(orgTypes, { error: 'orgs:errors.typeRequired' }),
  name: z
    .string({ error: 'orgs:errors.nameRequired' })
    .trim()
    .min(2, { error: 'orgs:errors.nameRequired' })
    .max(100),
  nameEn: z.string().trim().max(120).optional(),
  uscc: UsccFieldSchema,
  city: z
    .string({ error: 'orgs:errors.cityRequired' })
    .trim()
    .min(2, { error: 'orgs:errors.cityRequired' })
    .max(30)
    .transform(normaliseCity),
  segments: SegmentsSchema,
  description: z.string().trim().max(2000).optional(),
  // Licences and letters can carry ID numbers (sensitive personal information under PIPL):
  // submitting them needs its own consent, separate from the privacy policy's.
  documentsConsent: z.literal('on', { error: 'orgs:errors.documentsConsent' }),
})

export const InviteSchema = z.object({
  email: z
    .string({ error: 'auth:errors.emailRequired' })
    .trim()
    .toLowerCase()
    .email({ error: 'auth:errors.emailInvalid' }),
  role: z.enum(orgRoles),
})

export const DecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('verify') }),
  z.object({
    intent: z.literal('reject'),
    reason: z
      .string({ error: 'admin:errors.reasonRequired' })
      .trim()
      .min(4, { error: 'admin:errors.reasonRequired' })
      .max(1000),
  }),
])

// The verifier's decisions come from DecisionSchema; a moderator's take the same reason.
const ReasonSchema = DecisionSchema.options[1].shape.reason

/** What the platform's admins decide on an organisation's page. */
export const OrgDecisionSchema = z.discriminatedUnion('intent', [
  ...DecisionSchema.options,
  z.object({ intent: z.literal('suspend'), reason: ReasonSchema }),
  z.object({ intent: z.literal('reinstate'), reason: ReasonSchema }),
])

/** A verifier's answer to a claim on an organisation. */
export const ClaimDecisionSchema = z.object({
  claimId: z.guid(),
  intent: z.enum(claimDecisions),
  reason: ReasonSchema,
})
