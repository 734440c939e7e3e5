// The rating card of a completed challenge's work page (rate the other side once, 1–5 stars as
// radio buttons and a text; see theirs once revealed) and the 发票 link for a poster's released
// milestones.
import {
  getCollectionProps,
  getFormProps,
  getTextareaProps,
  type SubmissionResult,
} from '@conform-to/react'
import { Link, useFetcher, useSearchParams } from '@remix-run/react'
import { Fragment, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RATING_BODY_MAX } from '~/domains/challenges/challenge-limits.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate, formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { Button, Card, ErrorList, FormErrors, Notice } from '../ui/form.tsx'
import { checks, useForm } from '../ui/use-form.ts'
import { Stars } from './reputation.tsx'

/** The query parameter a refusal without JavaScript comes back with. */
export const RATE_ERROR_PARAM = 'rateError'

type RatingView = { rating: number; body: string; createdAt: string }
export type RatingCardData = {
  canRate: boolean
  revealAt: string
  revealed: boolean
  mine: RatingView | null
  theirs: RatingView | null
  theirsWaiting: boolean
}

function useLng() {
  return useRootData()?.locale ?? fallbackLanguage
}

function Given({ label, r }: { label: string; r: RatingView }) {
  const lng = useLng()
  return (
    <div className="rounded-md bg-slate-50 p-3 text-sm">
      <p className="flex flex-wrap items-center gap-x-2 text-slate-700">
        <span className="font-medium">{label}</span>
        <Stars rating={r.rating} />
        <span className="text-xs text-slate-500">{formatDateTime(r.createdAt, lng)}</span>
      </p>
      {r.body ? (
        <p className="mt-1 break-words whitespace-pre-line text-slate-800">{r.body}</p>
      ) : null}
    </div>
  )
}

function RateForm({ slug }: { slug: string }) {
  const { t } = useTranslation('reputation')
  const fetcher = useFetcher<{ result?: SubmissionResult<string[]> }>()
  const [searchParams] = useSearchParams()
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const sentBack = searchParams.get(RATE_ERROR_PARAM)
  const [form, fields] = useForm({
    id: 'rate',
    lastResult: fetcher.data?.result,
    validation: checks(() => import('~/domains/challenges/ratings.schema.ts'), 'RateSchema'),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  const stars = getCollectionProps(fields.rating, {
    type: 'radio',
    options: ['1', '2', '3', '4', '5'],
  })
  const body = getTextareaProps(fields.body)
  return (
    <fetcher.Form
      method="post"
      action={`/challenges/${slug}/rate`}
      {...getFormProps(form)}
      className="space-y-3"
    >
      {hydrated ? <input type="hidden" name="js" value="1" /> : null}
      <FormErrors errors={form.errors ?? (sentBack && !fetcher.data ? [sentBack] : null)} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t('form.rating')}</legend>
        {/* 5…1 in the page, shown 1…5: a checked star colours itself and the lower ones. */}
        <div className="mt-1 flex flex-row-reverse justify-end gap-1 [&_input:checked~label]:text-amber-500 [&_input:focus-visible+label]:ring-2 [&_input:focus-visible+label]:ring-brand-600 [&_label:hover]:text-amber-400 [&_label:hover~label]:text-amber-400">
          {[...stars].reverse().map((props) => (
            <Fragment key={props.key}>
              <input {...props} key={props.key} className="sr-only" required />
              <label
                htmlFor={props.id}
                className="cursor-pointer rounded px-1 text-3xl leading-none text-slate-300"
              >
                <span aria-hidden="true">★</span>
                <span className="sr-only">{t('stars', { rating: Number(props.value) })}</span>
              </label>
            </Fragment>
          ))}
        </div>
        <ErrorList id={fields.rating.errorId} errors={fields.rating.errors} />
      </fieldset>
      <div>
        <label htmlFor={fields.body.id} className="block text-sm font-medium text-slate-800">
          {t('form.body')}
        </label>
        <textarea
          {...body}
          key={body.key}
          rows={3}
          maxLength={RATING_BODY_MAX}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        />
        <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
      </div>
      <Button type="submit" className="w-full sm:w-auto" disabled={fetcher.state !== 'idle'}>
        {t('form.submit')}
      </Button>
    </fetcher.Form>
  )
}

/**
 * The work page's closing card: once the challenge is completed, the rating each side gives the
 * other; for the poster, wherever money was released, a link to ask for the 发票.
 */
export function ChallengeWrapUp({
  slug,
  side,
  rating,
  fapiaoPaymentId,
}: {
  slug: string
  side: 'poster' | 'winner'
  rating: RatingCardData | null
  fapiaoPaymentId: string | null
}) {
  const { t } = useTranslation('reputation')
  const lng = useLng()
  if (!rating && !fapiaoPaymentId) return null
  const other = t(side === 'poster' ? 'sides.solver' : 'sides.poster')
  return (
    <Card className="space-y-3">
      <h2 id="rating" className="text-base font-semibold text-slate-900">
        {rating ? t('card.title') : t('card.fapiaoTitle')}
      </h2>
      {rating ? (
        <>
          {rating.mine ? (
            <Given label={t('card.yours')} r={rating.mine} />
          ) : rating.canRate ? (
            <>
              <p className="text-sm text-slate-700">
                {t('card.invite', { other, at: formatDate(rating.revealAt, lng) })}
              </p>
              <RateForm slug={slug} />
            </>
          ) : null}
          {rating.theirs ? (
            <Given label={t('card.theirs', { other })} r={rating.theirs} />
          ) : rating.revealed ? (
            <p className="text-sm text-slate-600">{t('card.theyDidNot', { other })}</p>
          ) : (
            <Notice>
              {rating.theirsWaiting
                ? t('card.theirsHidden', { other, at: formatDate(rating.revealAt, lng) })
                : t('card.theirsNotYet', { other, at: formatDate(rating.revealAt, lng) })}
            </Notice>
          )}
        </>
      ) : null}
      {fapiaoPaymentId ? (
        <p className="text-sm">
          <Link to={`/payments/${fapiaoPaymentId}/fapiao`} className="text-brand-700 underline">
            {t('card.fapiao')}
          </Link>
        </p>
      ) : null}
    </Card>
  )
}
