// Forms of spaces: creating one, admitting and moving its members, and the platform's check of a
// space's filing.
import { z } from 'zod'
import { stages } from './membership.machine.ts'
import { segmentCodes } from './segments.ts'
import { filingStatuses, spaceKinds } from './space.schema.ts'
import { normaliseCity } from '../../../search/cities.ts'

export const CreateSpaceSchema = z
  .object({
    name: z
      .string({ error: 'spaces:errors.nameRequired' })
      .trim()
      .min(2, { error: 'spaces:errors.nameRequired' })
      .max(100),
    nameEn: z.string().trim().max(120).optional(),
    slug: z
      .string({ error: 'spaces:errors.slugRequired' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/, { error: 'spaces:errors.slugFormat' }),
    segments: z
      .array(z.string().refine((s) => segmentCodes.has(s), { error: 'orgs:errors.segmentUnknown' }))
      .default([])
      .transform((l) => [...new Set(l)])
      .pipe(
        z
          .array(z.string())
          .min(1, { error: 'spaces:errors.segmentsCount' })
          .max(3, { error: 'spaces:errors.segmentsCount' }),
      ),
    city: z
      .string({ error: 'orgs:errors.cityRequired' })
      .trim()
      .min(2, { error: 'orgs:errors.cityRequired' })
      .max(30)
      .transform(normaliseCity),
    kind: z.enum(spaceKinds, { error: 'spaces:errors.kindRequired' }),
    filing: z.enum(filingStatuses, { error: 'spaces:errors.filingRequired' }),
    // The 备案 文号, asked for when a provincial or national filing is declared.
    filingReference: z
      .string()
      .trim()
      .max(60, { error: 'moderation:filing.referenceLength' })
      .optional(),
    description: z.string().trim().max(4000).optional(),
    services: z.string().trim().max(1000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.filing !== 'none' && (v.filingReference ?? '').length < 4)
      ctx.addIssue({
        code: 'custom',
        path: ['filingReference'],
        message: 'moderation:filing.referenceRequired',
      })
  })

const isoDate = z
  .string({ error: 'spaces:errors.dateRequired' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'spaces:errors.dateRequired' })

export const AdmitMemberSchema = z.object({
  intent: z.literal('admit'),
  member: z
    .string({ error: 'spaces:errors.memberRequired' })
    .trim()
    .min(3, { error: 'spaces:errors.memberRequired' }),
  stage: z.enum(stages),
  on: isoDate,
})

export const MoveMemberSchema = z.object({
  intent: z.enum(['move', 'graduate', 'leave', 'close']),
  membershipId: z.string().uuid(),
  stage: z.enum(stages).optional(),
  on: isoDate,
  note: z.string().trim().max(500).optional(),
})

const filingNote = z.string().trim().max(1000, { error: 'admin:spaces.errors.noteLength' })

/** The platform's check of a space's filing (备案): verified, or sent back with a note. */
export const FilingCheckSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('verify'), spaceId: z.uuid(), note: filingNote.optional() }),
  z.object({
    intent: z.literal('reject'),
    spaceId: z.uuid(),
    note: filingNote.min(2, { error: 'admin:spaces.errors.note' }),
  }),
])
