// Stripe-shaped errors. The HTTP status is what makes the SDK pick the error class
// (generateV1Error in node_modules/stripe/esm/Error.js), so each helper fixes both.
import type Stripe from 'stripe'

export type ErrorType =
  'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error' | 'permission_error'

export interface ErrorBody {
  type: ErrorType
  message: string
  code?: string
  param?: string
  decline_code?: string
  doc_url?: string
  charge?: string
  payment_intent?: Stripe.PaymentIntent
  setup_intent?: Stripe.SetupIntent
  payment_method?: Stripe.PaymentMethod
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message)
  }
}

const docUrl = (code: string) => `https://docs.stripe.com/error-codes/${code.replaceAll('_', '-')}`

/** 400 invalid_request_error: a parameter or a state the request cannot work with. */
export function invalidRequest(
  message: string,
  options: { param?: string; code?: string } = {},
): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    message,
    ...(options.code ? { code: options.code, doc_url: docUrl(options.code) } : {}),
    ...(options.param ? { param: options.param } : {}),
  })
}

/**
 * An id that names nothing: 404 when it was in the URL path, 400 with `param` when it was a
 * parameter, as Stripe answers both.
 */
export function noSuch(objectName: string, id: string, param: string | null): StripeApiError {
  const body: ErrorBody = {
    type: 'invalid_request_error',
    code: 'resource_missing',
    doc_url: docUrl('resource_missing'),
    message: `No such ${objectName}: '${id}'`,
  }
  if (param) return new StripeApiError(400, { ...body, param })
  return new StripeApiError(404, body)
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, { param, code: 'parameter_missing' })
}

export function unexpectedState(message: string, param?: string): StripeApiError {
  return invalidRequest(message, { code: 'payment_intent_unexpected_state', param })
}
