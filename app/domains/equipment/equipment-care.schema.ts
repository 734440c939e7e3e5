// The forms of instrument care: the owner's training records and the booker's review. Each
// schema serves Conform in the browser and the action on the server.
import { z } from 'zod'
import { RedirectToSchema } from '../accounts/redirect-to.schema.ts'
import { REVIEW_BODY_MAX, TRAINING_NOTE_MAX } from './equipment-terms.ts'

// A path on this site only: a backslash is read by browsers as a slash ("/\evil.example").
const redirectTo = RedirectToSchema.transform((v) => (v && !v.includes('\\') ? v : undefined))

export const MarkTrainedSchema = z.object({
  intent: z.literal('mark'),
  email: z
    .string({ error: 'equipment-care:errors.email' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'equipment-care:errors.email' })),
  note: z
    .string()
    .trim()
    .max(TRAINING_NOTE_MAX, { error: 'equipment-care:errors.noteTooLong' })
    .optional(),
  redirectTo,
})

export const RevokeTrainingSchema = z.object({
  intent: z.literal('revoke'),
  userId: z.uuid({ error: 'equipment-care:errors.notTrained' }),
})

/** The mark-trained button on a booking page: the booker is named by id, not by e-mail. */
export const MarkBookerTrainedSchema = z.object({
  intent: z.literal('mark-user'),
  userId: z.uuid({ error: 'equipment-care:errors.userNotFound' }),
  redirectTo,
})

export const ReviewSchema = z.object({
  rating: z
    .number({ error: 'equipment-care:errors.rating' })
    .int({ error: 'equipment-care:errors.rating' })
    .min(1, { error: 'equipment-care:errors.rating' })
    .max(5, { error: 'equipment-care:errors.rating' }),
  body: z
    .string()
    .trim()
    .max(REVIEW_BODY_MAX, { error: 'equipment-care:errors.bodyTooLong' })
    .optional(),
  redirectTo,
})
