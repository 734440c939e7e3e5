// The rating one side of a completed challenge gives the other: 1–5 and an optional text.
import { z } from 'zod'
import { RATING_BODY_MAX } from './challenge-limits.ts'

export const RateSchema = z.object({
  rating: z
    .number({ error: 'reputation:errors.rating' })
    .int({ error: 'reputation:errors.rating' })
    .min(1, { error: 'reputation:errors.rating' })
    .max(5, { error: 'reputation:errors.rating' }),
  body: z
    .string()
    .trim()
    .max(RATING_BODY_MAX, { error: 'reputation:errors.bodyTooLong' })
    .optional(),
})

/** A profile's track record in challenges, as the pages show it. */
export type Reputation = {
  completedAsPoster: number
  completedAsSolver: number
  /** Accepted milestones, and those accepted on or before their due date. */
  acceptedMilestones: number
  onTimeMilestones: number
  /** Revealed ratings received only. */
  ratingCount: number
  ratingAverage: number | null
}

export const emptyReputation = (): Reputation => ({
  completedAsPoster: 0,
  completedAsSolver: 0,
  acceptedMilestones: 0,
  onTimeMilestones: 0,
  ratingCount: 0,
  ratingAverage: null,
})
