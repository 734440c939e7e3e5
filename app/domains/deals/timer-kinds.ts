// The deals market's timed transitions, by kind. Each kind's handler registers in the module
// named beside it (and that module is imported by app/domains/timers/handlers.server.ts).
export const dealTimers = {
  /** The campaign's deadline: collect, or fail (campaign-deadline.server.ts). */
  campaignDeadline: 'campaign.deadline',
  /** The end of the 7-day collection window (campaign-deadline.server.ts). */
  collectionEnd: 'campaign.collection-end',
  /** The startup's time to accept a smaller amount (campaign-deadline.server.ts). */
  decisionDeadline: 'campaign.decision-deadline',
  /** A pending commitment not paid in time is called off (commit.server.ts). */
  commitmentPayBy: 'commitment.pay-by',
  /** 120 hours after a material change (reconfirm.server.ts). */
  reconfirmBy: 'commitment.reconfirm',
  /** A year after approval (investor-verification.server.ts). */
  verificationExpiry: 'investor-verification.expire',
  /** 30 days after the decision, the evidence files go (investor-verification.server.ts). */
  evidencePurge: 'investor-evidence.purge',
} as const
