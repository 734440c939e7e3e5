// Sends events to the configured endpoint, signed with the SDK's own test-header helper so
// that `stripe.webhooks.constructEvent` accepts them. Automatic delivery is one at a time in
// event order; re-delivery can repeat an event and send the copies concurrently.
import Stripe from 'stripe'

export interface WebhookDelivery {
  eventId: string
  type: string
  url: string
  /** HTTP status of the endpoint's answer; null when it could not be reached. */
  status: number | null
  ok: boolean
  error: string | null
  /** The start of the endpoint's answer, for failing tests to show. */
  responseBody: string
  at: number
}

const DELIVERY_TIMEOUT_MS = 10_000

export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = []
  private queue: Promise<void> = Promise.resolve()
  private readonly inFlight = new Set<Promise<unknown>>()

  constructor(
    public url: string | null,
    public secret: string,
    public autoDeliver: boolean,
  ) {}

  /** Queues events for automatic delivery, after those already queued. */
  enqueue(events: readonly Stripe.Event[]): Promise<void> {
    if (!this.url || !this.autoDeliver || events.length === 0) return this.queue
    const run = this.queue.then(async () => {
      for (const event of events) await this.send(event)
    })
    this.queue = run
    return this.track(run)
  }

  /** Sends one event `times` times, one after another or all at once. */
  async deliver(
    event: Stripe.Event,
    options: { times?: number; concurrently?: boolean } = {},
  ): Promise<WebhookDelivery[]> {
    const times = options.times ?? 1
    if (options.concurrently) {
      return this.track(Promise.all(Array.from({ length: times }, () => this.send(event))))
    }
    const results: WebhookDelivery[] = []
    for (let i = 0; i < times; i++) results.push(await this.track(this.send(event)))
    return results
  }

  /** Resolves once nothing is being delivered (including what gets queued meanwhile). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise)
    const done = () => this.inFlight.delete(promise)
    promise.then(done, done)
    return promise
  }

  private async send(event: Stripe.Event): Promise<WebhookDelivery> {
    const url = this.url
    const delivery: WebhookDelivery = {
      eventId: event.id,
      type: event.type,
      url: url ?? '',
      status: null,
      ok: false,
      error: null,
      responseBody: '',
      at: Date.now(),
    }
    if (!url) {
      delivery.error = 'no webhook URL configured'
      this.deliveries.push(delivery)
      return delivery
    }
    // Stripe sends pretty-printed JSON and signs the exact bytes it sends.
    const payload = JSON.stringify(event, null, 2)
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.secret })
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Stripe-Signature': signature,
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      })
      delivery.status = response.status
      delivery.ok = response.ok
      delivery.responseBody = (await response.text()).slice(0, 2000)
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error)
    }
    this.deliveries.push(delivery)
    return delivery
  }
}
