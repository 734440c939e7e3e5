// The pages Stripe would host: Connect onboarding, Checkout and 3-D Secure authentication.
// Plain HTML forms without JavaScript, so that Playwright (or a test's `fetch`) can click
// through them; each form posts to its own URL and is answered with a 303.
import type Stripe from 'stripe'
import { completeOnboarding } from './routes-connect.ts'
import {
  finishCheckoutAfterAuthentication,
  payCheckoutSession,
  refreshSession,
  successUrl,
} from './routes-checkout.ts'
import {
  type PaymentMethodType,
  finishPaymentAuthentication,
  finishSetupAuthentication,
} from './payments.ts'
import { formatAmount, parseCurrency } from './rules.ts'
import { type Store, type TestCard, hostedOrigin } from './state.ts'

export type HostedResponse = { status: number; html: string } | { redirect: string }

const paymentMethodLabels: Record<PaymentMethodType, string> = {
  card: 'Card',
  alipay: 'Alipay',
  wechat_pay: 'WeChat Pay',
}

const checkoutCards: Record<string, { card: TestCard; label: string }> = {
  visa: { card: 'visa', label: 'Visa •••• 4242 (succeeds)' },
  authentication_required: {
    card: 'authentication_required',
    label: 'Visa •••• 3184 (asks for authentication)',
  },
  declined: { card: 'declined', label: 'Visa •••• 0002 (declined)' },
  insufficient_funds: { card: 'insufficient_funds', label: 'Visa •••• 9995 (insufficient funds)' },
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

function page(title: string, body: string, status = 200): HostedResponse {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Stripe test server</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; }
fieldset, label, select, input { display: block; margin: 0.5rem 0; }
fieldset label { display: inline-block; margin-right: 1rem; }
button { margin: 1rem 0.5rem 0 0; padding: 0.5rem 1rem; }
[role="alert"] { color: #a00; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`
  return { status, html }
}

const notFound = () =>
  page('Not found', '<p>This page does not exist on the Stripe test server.</p>', 404)

/** `url` with `params` added; a return URL that is not absolute is used as given. */
function withQuery(url: string, params: Record<string, string>): string {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return url
  }
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value)
  return target.toString()
}

function amountOf(amount: number, currency: string): string {
  try {
    return formatAmount(amount, parseCurrency(currency))
  } catch {
    return `${amount} ${currency}`
  }
}

/** Answers a request under `/hosted/`. `form` is the POST body (empty for GET). */
export function handleHosted(
  store: Store,
  method: string,
  url: URL,
  form: URLSearchParams,
): HostedResponse {
  const parts = url.pathname.split('/').filter(Boolean).slice(1)
  const [area, first, second, third] = parts
  if (area === 'connect' && first === 'onboarding' && second && !third) {
    return onboarding(store, method, second, form)
  }
  if (area === 'checkout' && first && !second) return checkout(store, method, first, form, url)
  if (area === 'checkout' && first && second === 'return' && method === 'GET') {
    return checkoutReturn(store, first)
  }
  if (area === 'authenticate' && first && !second) return authenticate(store, method, first, form)
  return notFound()
}

function onboarding(
  store: Store,
  method: string,
  token: string,
  form: URLSearchParams,
): HostedResponse {
  const record = store.accountLinks.get(token)
  if (!record) return notFound()
  const account = store.accounts.get(record.account)
  if (!account) return notFound()
  // Stripe sends a used or expired link to refresh_url, where the platform makes a new one.
  if (record.used || store.now() >= record.link.expires_at) return { redirect: record.refreshUrl }
  if (method === 'POST') {
    record.used = true
    if (form.get('intent') === 'complete') completeOnboarding(store, account, hostedOrigin)
    return { redirect: record.returnUrl }
  }
  return page(
    'Set up payouts',
    `<p>Onboarding for connected account <code>${escapeHtml(account.id)}</code>${
      account.email ? ` (${escapeHtml(account.email)})` : ''
    }, country ${escapeHtml(account.country ?? '')}.</p>
<p>Stripe would collect identity, business and bank details here.</p>
<form method="post">
<button type="submit" name="intent" value="complete">Complete onboarding</button>
<button type="submit" name="intent" value="leave">Leave for now</button>
</form>`,
  )
}

function checkoutPage(store: Store, session: Stripe.Checkout.Session, error: string | null) {
  const items = store.lineItems.get(session.id) ?? []
  const list = items
    .map(
      (item) =>
        `<li>${escapeHtml(item.name)} × ${item.quantity}: ${escapeHtml(
          amountOf(item.unitAmount * item.quantity, item.currency),
        )}</li>`,
    )
    .join('\n')
  const types = session.payment_method_types as PaymentMethodType[]
  const radios = types
    .map(
      (type, i) =>
        `<label><input type="radio" name="payment_method_type" value="${type}"${
          i === 0 ? ' checked' : ''
        }> ${paymentMethodLabels[type] ?? type}</label>`,
    )
    .join('\n')
  const cards = Object.entries(checkoutCards)
    .map(([value, { label }]) => `<option value="${value}">${escapeHtml(label)}</option>`)
    .join('\n')
  const setup = session.mode === 'setup'
  const summary = setup
    ? '<p>Save a card for later payments.</p>'
    : `<ul>\n${list}\n</ul>\n<p>Total: <strong>${escapeHtml(
        amountOf(session.amount_total ?? 0, session.currency ?? ''),
      )}</strong></p>`
  const email = session.customer_details?.email ?? session.customer_email ?? ''
  return page(
    setup ? 'Save your card' : 'Pay',
    `${error ? `<p role="alert">${escapeHtml(error)}</p>\n` : ''}${summary}
<form method="post">
<fieldset>
<legend>Payment method</legend>
${radios}
</fieldset>
<label for="card">Test card</label>
<select id="card" name="card">
${cards}
</select>
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" value="${escapeHtml(email)}">
<button type="submit" name="intent" value="pay">${setup ? 'Save card' : 'Pay'}</button>
<button type="submit" name="intent" value="cancel" formnovalidate>Cancel</button>
</form>`,
    error ? 402 : 200,
  )
}

function closedCheckout(session: Stripe.Checkout.Session): HostedResponse {
  if (session.status === 'complete') {
    const next = successUrl(session)
    return page(
      'Payment complete',
      `<p>This Checkout Session is complete.</p>${
        next ? `<p><a href="${escapeHtml(next)}">Continue</a></p>` : ''
      }`,
    )
  }
  return page('Session expired', '<p>This Checkout Session has expired.</p>', 410)
}

function checkout(
  store: Store,
  method: string,
  sessionId: string,
  form: URLSearchParams,
  url: URL,
): HostedResponse {
  const session = store.checkoutSessions.get(sessionId)
  if (!session) return notFound()
  refreshSession(store, session)
  if (session.status !== 'open') return closedCheckout(session)
  if (method !== 'POST') return checkoutPage(store, session, url.searchParams.get('error'))
  if (form.get('intent') === 'cancel') {
    return session.cancel_url
      ? { redirect: session.cancel_url }
      : page('Payment cancelled', '<p>You cancelled. You can close this page.</p>')
  }
  const type = (form.get('payment_method_type') ??
    session.payment_method_types[0]) as PaymentMethodType
  const card = checkoutCards[form.get('card') ?? 'visa']
  if (!session.payment_method_types.includes(type) || !card) {
    return page(
      'Bad request',
      '<p>Choose one of the offered payment methods and test cards.</p>',
      400,
    )
  }
  const outcome = payCheckoutSession(store, session, {
    type,
    card: card.card,
    email: form.get('email') || null,
  })
  if (outcome.kind === 'declined') return checkoutPage(store, session, outcome.message)
  if (outcome.kind === 'authenticate') return { redirect: outcome.url }
  return afterCheckout(session)
}

function afterCheckout(session: Stripe.Checkout.Session): HostedResponse {
  const next = successUrl(session)
  return next ? { redirect: next } : closedCheckout(session)
}

function checkoutReturn(store: Store, sessionId: string): HostedResponse {
  const session = store.checkoutSessions.get(sessionId)
  if (!session) return notFound()
  const outcome = finishCheckoutAfterAuthentication(store, session)
  if (outcome.kind === 'complete') return afterCheckout(session)
  const back = new URL(`${store.baseUrl}/hosted/checkout/${session.id}`)
  back.searchParams.set('error', outcome.kind === 'declined' ? outcome.message : '')
  return { redirect: back.toString() }
}

function authenticate(
  store: Store,
  method: string,
  intentId: string,
  form: URLSearchParams,
): HostedResponse {
  const pi = store.paymentIntents.get(intentId)
  const si = pi ? undefined : store.setupIntents.get(intentId)
  const intent = pi ?? si
  if (!intent) return notFound()
  if (intent.status !== 'requires_action') {
    return page('Nothing to authenticate', `<p>This payment is ${escapeHtml(intent.status)}.</p>`)
  }
  if (method !== 'POST') {
    const what = pi
      ? `a payment of ${escapeHtml(amountOf(pi.amount, pi.currency))}`
      : 'saving your card'
    return page(
      'Authenticate',
      `<p>Your bank asks you to confirm ${what}.</p>
<form method="post">
<button type="submit" name="intent" value="complete">Complete authentication</button>
<button type="submit" name="intent" value="fail">Fail authentication</button>
</form>`,
    )
  }
  const passed = form.get('intent') === 'complete'
  if (pi) finishPaymentAuthentication(store, pi, passed)
  if (si) finishSetupAuthentication(store, si, passed)
  const returnUrl = store.returnUrls.get(intent.id)
  if (!returnUrl) {
    return page(
      passed ? 'Authentication complete' : 'Authentication failed',
      '<p>You can close this page.</p>',
    )
  }
  const kind = pi ? 'payment_intent' : 'setup_intent'
  return {
    redirect: withQuery(returnUrl, {
      [kind]: intent.id,
      [`${kind}_client_secret`]: intent.client_secret ?? '',
      redirect_status: passed ? 'succeeded' : 'failed',
    }),
  }
}
