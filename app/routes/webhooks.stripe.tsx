// Stripe's webhook endpoint (POST only): verifies the signature on the raw body, stores the
// event and queues its handling, and answers at once. 404 where Stripe is not configured.
import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveStripeEvent } from '~/domains/payments/stripe/receive-event.server.ts'

// Nothing to read here; a GET learns nothing, not even whether Stripe is set up.
export function loader() {
  return new Response('not found', { status: 404 })
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST')
    return new Response('method not allowed', { status: 405, headers: { Allow: 'POST' } })
  // The signature covers the exact bytes Stripe sent: read them as text, never re-serialised.
  const receipt = await receiveStripeEvent(
    await request.text(),
    request.headers.get('stripe-signature'),
  )
  return Response.json(receipt.body, {
    status: receipt.status,
    headers: { 'Cache-Control': 'no-store' },
  })
}
