// Every job the workers run. Adding a job is one file in this folder and one line here.
import type { z } from 'zod'
import type { JobDefinition } from '../../app/domains/jobs/job.ts'
import { commitmentCharge } from './commitment-charge.ts'
import { messageSend } from './message-send.ts'
import { notificationEmail } from './notification-email.ts'
import { searchRefresh } from './search-refresh.ts'
import { searchSweep } from './search-sweep.ts'
import { searchSync } from './search-sync.ts'
import { stripeEvent } from './stripe-event.ts'
import { stripeRefund } from './stripe-refund.ts'
import { stripeTransfer } from './stripe-transfer.ts'
import { timersSweep } from './timers-sweep.ts'

export const jobs: readonly JobDefinition<z.ZodType>[] = [
  messageSend,
  notificationEmail,
  searchSync,
  searchSweep,
  searchRefresh,
  timersSweep,
  stripeEvent,
  stripeTransfer,
  stripeRefund,
  commitmentCharge,
]
