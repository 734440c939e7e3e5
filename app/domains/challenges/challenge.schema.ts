// The vocabulary of challenges, shared by forms, the database's CHECKs and search facets.
export const challengeTypes = ['rd_task', 'prototype', 'testing_task', 'ideation'] as const
export type ChallengeType = (typeof challengeTypes)[number]

export const ipTerms = [
  'transfer',
  'exclusive_licence',
  'nonexclusive_licence',
  'solver_keeps',
] as const
export type IpTerms = (typeof ipTerms)[number]

/** Fixed: one award for the winner. Range: bidders price their bid within the budget. */
export const awardModes = ['fixed', 'range'] as const
export type AwardMode = (typeof awardModes)[number]

/** Details public, or only after accepting the challenge's NDA. */
export const confidentialities = ['public', 'nda'] as const

/** Open call, or 揭榜挂帅: solvers apply first and only admitted applicants bid. */
export const solicitationModes = ['open', 'jiebang'] as const

export const eligibilities = ['anyone', 'verified_orgs', 'space_members', 'segments'] as const
export type Eligibility = (typeof eligibilities)[number]

/** A submitted deliverable the poster does not answer is accepted after this many days. */
export const AUTO_RELEASE_DAYS = 14
/** Ratings stay hidden until both sides have rated, or this many days after completion. */
export const RATING_REVEAL_DAYS = 14
