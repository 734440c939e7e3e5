// The booker's review of a completed booking: 1–5 stars (radio buttons, so a keyboard, a screen
// reader and a browser without JavaScript all work) and up to 2000 characters of text. Posts to
// /bookings/:id/review. With JavaScript the errors come back in place and nothing typed is lost;
// without it the action sends the browser back here with the error and the rating in the URL.
import {
  getCollectionProps,
  getFormProps,
  getTextareaProps,
  type SubmissionResult,
} from '@conform-to/react'
import { useFetcher, useSearchParams } from '@remix-run/react'
import { Fragment, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { REVIEW_BODY_MAX } from '../../domains/equipment/equipment-terms.ts'
import { Button, ErrorList, FormErrors } from '../ui/form.tsx'
import { checks, useForm } from '../ui/use-form.ts'

/** The query parameters a review sent back without JavaScript arrives with. */
export const reviewParams = { error: 'reviewError', rating: 'reviewRating', body: 'reviewBody' }

type Reply = { result?: SubmissionResult<string[]> }

export function ReviewForm({ bookingId, redirectTo }: { bookingId: string; redirectTo?: string }) {
  const { t } = useTranslation('equipment-care')
  const fetcher = useFetcher<Reply>()
  const [searchParams] = useSearchParams()
  // Rendered only once hydrated: tells the action it may answer with data instead of a redirect.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const sentBack = searchParams.get(reviewParams.error)
  const [form, fields] = useForm({
    // One review form a page; the id is also the anchor a refusal without JavaScript returns to.
    id: 'review',
    lastResult: fetcher.data?.result,
    defaultValue: {
      rating: searchParams.get(reviewParams.rating) ?? undefined,
      body: searchParams.get(reviewParams.body) ?? undefined,
    },
    validation: checks(
      () => import('../../domains/equipment/equipment-care.schema.ts'),
      'ReviewSchema',
    ),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  const stars = getCollectionProps(fields.rating, {
    type: 'radio',
    options: ['1', '2', '3', '4', '5'],
  })
  const ratingErrors = fields.rating.errors
  const body = getTextareaProps(fields.body)
  const busy = fetcher.state !== 'idle'

  return (
    <fetcher.Form
      method="post"
      action={`/bookings/${bookingId}/review`}
      {...getFormProps(form)}
      className="space-y-4"
    >
      {hydrated ? <input type="hidden" name="js" value="1" /> : null}
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      <FormErrors errors={form.errors ?? (sentBack && !fetcher.data ? [sentBack] : null)} />
      <fieldset aria-describedby={ratingErrors?.length ? fields.rating.errorId : undefined}>
        <legend className="text-sm font-medium text-slate-800">{t('review.rating')}</legend>
        {/* In the page 5…1 as siblings, shown 1…5: a checked star colours itself and every
            star after it in the page, which are the lower ones. */}
        <div className="mt-1 flex flex-row-reverse justify-end gap-1 [&_input:checked~label]:text-amber-500 [&_input:focus-visible+label]:ring-2 [&_input:focus-visible+label]:ring-brand-600 [&_label:hover]:text-amber-400 [&_label:hover~label]:text-amber-400">
          {[...stars].reverse().map((props) => (
            <Fragment key={props.key}>
              <input {...props} key={props.key} className="sr-only" required />
              <label
                htmlFor={props.id}
                className="cursor-pointer rounded px-1 text-3xl leading-none text-slate-300"
              >
                <span aria-hidden="true">★</span>
                <span className="sr-only">{t('review.star', { count: Number(props.value) })}</span>
              </label>
            </Fragment>
          ))}
        </div>
        <ErrorList id={fields.rating.errorId} errors={ratingErrors} />
      </fieldset>
      <div>
        <label htmlFor={fields.body.id} className="block text-sm font-medium text-slate-800">
          {t('review.body')}
        </label>
        <textarea
          {...body}
          key={body.key}
          rows={5}
          maxLength={REVIEW_BODY_MAX}
          aria-describedby={`${fields.body.id}-hint ${fields.body.errors?.length ? fields.body.errorId : ''}`.trim()}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
        />
        <p id={`${fields.body.id}-hint`} className="mt-1 text-xs text-slate-500">
          {t('review.bodyHint', { max: REVIEW_BODY_MAX })}
        </p>
        <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
      </div>
      <Button type="submit" className="w-full sm:w-auto" disabled={busy}>
        {t('review.submit')}
      </Button>
    </fetcher.Form>
  )
}
