// Loads every business's payment and dispute hooks, so that money arriving anywhere (a webhook in the
// worker, a bank transfer recorded on the web) reaches the business it pays for.
import './equipment/booking-money.server.ts'
import './equipment/booking-progress.server.ts'
import './challenges/delivery.server.ts'
import './deals/commit.server.ts'
