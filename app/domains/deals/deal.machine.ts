// Lifecycles of the deals market: an investor's qualification (合格投资者), a crowdfunding
// campaign, each commitment to it, and each intro between an investor and a startup.
import { defineMachine } from '../lifecycle/machine.ts'

export const investorVerificationMachine = defineMachine({
  name: 'investor-verification',
  states: [
    'submitted', // declaration and evidence in, waiting for a verifier
    'approved', // qualified until expires_at
    'rejected', // with a reason the investor sees
    'expired', // a year after approval (or withdrawn by a verifier): apply again
  ],
  transitions: [
    { action: 'approve', from: ['submitted'], to: 'approved', actors: ['verifier'] },
    { action: 'reject', from: ['submitted'], to: 'rejected', actors: ['verifier'] },
    { action: 'expire', from: ['approved'], to: 'expired', actors: ['system', 'verifier'] },
  ],
})

export const campaignMachine = defineMachine({
  name: 'campaign',
  states: [
    'draft',
    'live', // published; verified investors commit until the deadline
    'collecting', // the target was committed at the deadline: cards are charged for 7 days
    'deciding', // collected less than the target but at least the declared minimum: startup decides
    'funded', // succeeded: the money waits in escrow for the signed agreement and 工商变更
    'documents_submitted', // both documents uploaded; an admin verifies them
    'completed', // verified: the startup was paid and each holding recorded
    'failed', // target not committed, too little collected, or the smaller amount declined
    'withdrawn', // called off by the startup before its deadline, or by an admin
  ],
  transitions: [
    { action: 'publish', from: ['draft'], to: 'live', actors: ['startup'] },
    { action: 'start-collection', from: ['live'], to: 'collecting', actors: ['system'] },
    { action: 'succeed', from: ['collecting'], to: 'funded', actors: ['system'] },
    { action: 'ask-decision', from: ['collecting'], to: 'deciding', actors: ['system'] },
    { action: 'accept-partial', from: ['deciding'], to: 'funded', actors: ['startup'] },
    {
      action: 'fail',
      from: ['live', 'collecting', 'deciding'],
      to: 'failed',
      // The startup declining the smaller amount is a failure it chooses.
      actors: ['system', 'startup'],
    },
    {
      action: 'submit-documents',
      from: ['funded'],
      to: 'documents_submitted',
      actors: ['startup'],
    },
    { action: 'reject-documents', from: ['documents_submitted'], to: 'funded', actors: ['admin'] },
    { action: 'complete', from: ['documents_submitted'], to: 'completed', actors: ['admin'] },
    { action: 'withdraw', from: ['draft', 'live'], to: 'withdrawn', actors: ['startup', 'admin'] },
  ],
})

export const commitmentMachine = defineMachine({
  name: 'commitment',
  states: [
    'pending', // the amount is reserved; the card is not saved (or the money not paid) yet
    'committed', // counts: card saved, or money held in escrow
    'reconfirm_required', // the terms changed materially: still counts, until reconfirmed or lapsed
    'collected', // the money is in escrow after the campaign's deadline
    'unpaid', // the card could not be charged within the collection window
    'completed', // the startup was paid; the investor's holding is recorded
    'cancelled', // by the investor (cooling-off) or never paid in time
    'lapsed', // not reconfirmed within 120 hours of a material change
    'released', // the campaign failed or was withdrawn: released, and refunded when paid
  ],
  transitions: [
    { action: 'confirm', from: ['pending'], to: 'committed', actors: ['system'] },
    {
      action: 'cancel',
      from: ['pending', 'committed', 'reconfirm_required'],
      to: 'cancelled',
      actors: ['investor', 'system'],
    },
    { action: 'ask-reconfirm', from: ['committed'], to: 'reconfirm_required', actors: ['system'] },
    { action: 'reconfirm', from: ['reconfirm_required'], to: 'committed', actors: ['investor'] },
    { action: 'lapse', from: ['reconfirm_required'], to: 'lapsed', actors: ['system'] },
    { action: 'collect', from: ['committed'], to: 'collected', actors: ['system'] },
    { action: 'mark-unpaid', from: ['committed'], to: 'unpaid', actors: ['system'] },
    { action: 'complete', from: ['collected'], to: 'completed', actors: ['system'] },
    {
      action: 'release',
      from: ['pending', 'committed', 'reconfirm_required', 'collected'],
      to: 'released',
      actors: ['system'],
    },
  ],
})

/** The commitment states that count toward the campaign's total, cap and holder limit. */
export const liveCommitmentStates = ['pending', 'committed', 'reconfirm_required'] as const
/** …and after the deadline, what still may become money. */
export const countedCommitmentStates = [...liveCommitmentStates, 'collected', 'completed'] as const

export const introMachine = defineMachine({
  name: 'intro',
  states: ['requested', 'accepted', 'declined', 'withdrawn'],
  transitions: [
    { action: 'accept', from: ['requested'], to: 'accepted', actors: ['recipient'] },
    { action: 'decline', from: ['requested'], to: 'declined', actors: ['recipient'] },
    { action: 'withdraw', from: ['requested'], to: 'withdrawn', actors: ['sender'] },
  ],
})

export type CampaignStatus = (typeof campaignMachine.states)[number]
export type CommitmentStatus = (typeof commitmentMachine.states)[number]
export type VerificationStatus = (typeof investorVerificationMachine.states)[number]
export type IntroStatus = (typeof introMachine.states)[number]

/** The statuses the verifiers' campaign list filters by (drafts are the startup's own). */
export const adminStatuses = campaignMachine.states.filter((s) => s !== 'draft')

export type AdminStatus = (typeof adminStatuses)[number]
