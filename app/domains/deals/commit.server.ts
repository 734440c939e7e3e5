// What commitments register with the rest of the product: the collection hook of their
// payments, what happens to a payment when its commitment stops counting (a lapse after a
// material change), and the 24-hour timer that calls off a commitment never paid. Loaded by
// app/domains/business-hooks.server.ts and app/domains/timers/handlers.server.ts.
import { onPaymentCollected } from '../payments/payment-hooks.server.ts'
import { registerTimer } from '../timers/timers.server.ts'
import { commitmentPaid, endCommitmentPayment } from './campaign-money.server.ts'
import { COMMITMENT_KIND } from './commitment-kind.ts'
import { confirmCommitment, lapseUnpaidCommitment } from './commitments.server.ts'
import { onCommitmentEnded } from './reconfirm.server.ts'
import { dealTimers } from './timer-kinds.ts'

onPaymentCollected(COMMITMENT_KIND, (tx, payment) => commitmentPaid(tx, payment, confirmCommitment))

onCommitmentEnded((tx, commitmentId) =>
  endCommitmentPayment(tx, commitmentId, '未在期限内重新确认，认投已取消'),
)

// Called through closures: this module may load while those it imports are still loading.
registerTimer(dealTimers.commitmentPayBy, (tx, id) => lapseUnpaidCommitment(tx, id))
