// Every module that registers a timed transition's handler, loaded wherever timers are swept:
// a handler that was never imported would leave its timers failing as "no handler". A domain
// with timed transitions adds its line here.
import '../equipment/cancel-booking.server.ts'
import '../equipment/booking-progress.server.ts'
import '../challenges/bids.server.ts'
import '../challenges/delivery.server.ts'
import '../challenges/close-bids.server.ts'
import '../deals/reconfirm.server.ts'
import '../deals/investor-verification.server.ts'
import '../deals/commit.server.ts'
import '../deals/campaign-deadline.server.ts'
import '../hubs/event-timers.server.ts'
