// The one way each deals entity changes status: the machine's transition and its history row,
// in the caller's transaction. A refused transition throws TransitionError.
import type { Tx } from '../../../db/client.server.ts'
import {
  campaignEvents,
  campaigns,
  commitmentEvents,
  commitments,
  introEvents,
  intros,
  investorVerificationEvents,
  investorVerifications,
} from '../../../db/schema/index.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { mover, type MoveInput } from '../lifecycle/mover.server.ts'
import {
  campaignMachine,
  commitmentMachine,
  introMachine,
  investorVerificationMachine,
} from './deal.machine.ts'

const campaignMover = mover<
  typeof campaignMachine,
  typeof campaigns,
  typeof campaigns.$inferSelect
>({ machine: campaignMachine, table: campaigns, events: campaignEvents, subjectKey: 'campaignId' })
const commitmentMover = mover<
  typeof commitmentMachine,
  typeof commitments,
  typeof commitments.$inferSelect
>({
  machine: commitmentMachine,
  table: commitments,
  events: commitmentEvents,
  subjectKey: 'commitmentId',
})
const verificationMover = mover<
  typeof investorVerificationMachine,
  typeof investorVerifications,
  typeof investorVerifications.$inferSelect
>({
  machine: investorVerificationMachine,
  table: investorVerifications,
  events: investorVerificationEvents,
  subjectKey: 'verificationId',
})
const introMover = mover<typeof introMachine, typeof intros, typeof intros.$inferSelect>({
  machine: introMachine,
  table: intros,
  events: introEvents,
  subjectKey: 'introId',
})

/** A campaign's status is a facet of its search document: each move re-indexes it. */
export const moveCampaign = async (
  tx: Tx,
  {
    campaignId,
    ...rest
  }: MoveInput<typeof campaignMachine, 'campaignId', Partial<typeof campaigns.$inferInsert>>,
) => {
  const moved = await campaignMover(tx, { id: campaignId, ...rest })
  await indexLater(tx, 'campaign', campaignId)
  return moved
}

export const moveCommitment = (
  tx: Tx,
  {
    commitmentId,
    ...rest
  }: MoveInput<typeof commitmentMachine, 'commitmentId', Partial<typeof commitments.$inferInsert>>,
) => commitmentMover(tx, { id: commitmentId, ...rest })

export const moveVerification = (
  tx: Tx,
  {
    verificationId,
    ...rest
  }: MoveInput<
    typeof investorVerificationMachine,
    'verificationId',
    Partial<typeof investorVerifications.$inferInsert>
  >,
) => verificationMover(tx, { id: verificationId, ...rest })

export const moveIntro = (
  tx: Tx,
  {
    introId,
    ...rest
  }: MoveInput<typeof introMachine, 'introId', Partial<typeof intros.$inferInsert>>,
) => introMover(tx, { id: introId, ...rest })
