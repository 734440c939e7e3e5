// Small helpers every route action uses: who is calling from where, the request's language,
// and turning a UserError into a Conform reply that keeps what the user typed.
import type { AppLoadContext } from '@remix-run/node'
import type { SubmissionResult } from '@conform-to/react'
import { fallbackLanguage, isLanguage, type Language } from '../../i18n/config.ts'
import { i18next } from '../../i18n/i18next.server.ts'
import { RateLimitedError } from '../accounts/rate-limit.server.ts'
import { UserError } from '../problems.ts'

export function clientIp(context: AppLoadContext): string {
  return context.ip || 'unknown'
}

export async function requestLanguage(request: Request): Promise<Language> {
  const lng = await i18next.getLocale(request)
  return isLanguage(lng) ? lng : fallbackLanguage
}

type Reply = {
  reply: (options?: {
    formErrors?: string[]
    fieldErrors?: Record<string, string[]>
    hideFields?: string[]
  }) => SubmissionResult<string[]>
}

/**
 * A UserError becomes an error beside its field (or above the form); a rate limit becomes 429.
 * Values are encoded into the key as `key|{json}` so the page can interpolate them.
 */
export function replyWithError(submission: Reply, error: unknown, hideFields: string[] = []) {
  if (error instanceof RateLimitedError) {
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60))
    return {
      status: 429,
      result: submission.reply({
        formErrors: [`common:errors.rateLimited|${JSON.stringify({ minutes })}`],
        hideFields,
      }),
    }
  }
  if (error instanceof UserError) {
    const message = error.values
      ? `${error.messageKey}|${JSON.stringify(error.values)}`
      : error.messageKey
    const result = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [message] }, hideFields })
      : submission.reply({ formErrors: [message], hideFields })
    return { status: 400, result }
  }
  throw error
}
