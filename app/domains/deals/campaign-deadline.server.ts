// A campaign's timed steps: its deadline (collect, or fail), the end of the 7-day collection
// window, and the startup's deadline to accept a smaller amount. Each handler re-reads the
// campaign under its lock and does nothing if the status or the time moved on.
import { commitmentCharge } from '../../../workers/jobs/commitment-charge.ts'
import { enqueue } from '../jobs/boss.server.ts'
import { registerTimer } from '../timers/timers.server.ts'
import { atCollectionEnd, atDeadline, atDecisionDeadline } from './campaign-money.server.ts'
import { dealTimers } from './timer-kinds.ts'

registerTimer(dealTimers.campaignDeadline, async (tx, campaignId) => {
  const orders = await atDeadline(tx, campaignId)
  // One job per card: a slow or failing charge holds up no other investor's.
  for (const order of orders)
    await enqueue(tx, commitmentCharge, order, { singletonKey: order.commitmentId })
})

registerTimer(dealTimers.collectionEnd, (tx, id) => atCollectionEnd(tx, id))

registerTimer(dealTimers.decisionDeadline, (tx, id) => atDecisionDeadline(tx, id))
