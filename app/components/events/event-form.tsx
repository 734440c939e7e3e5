// The space admin's event form, for creating and for editing: kind, title, texts, Beijing-time
// start and end, place and/or online link, capacity, audience and when registration closes.
// Saved as a draft or published, by the button pressed.
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  Button,
  ErrorList,
  Field,
  FormErrors,
  SelectField,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { eventAudiences, eventKinds } from '~/domains/hubs/hub.machine.ts'

export type EventFormDefaults = {
  kind?: string
  title?: string
  summary?: string
  description?: string
  startsAt?: string
  endsAt?: string
  place?: string
  onlineUrl?: string
  capacity?: string
  audience?: string
  registrationClosesAt?: string
}

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600'

export function EventForm({
  id,
  lastResult,
  defaultValue,
  draft,
}: {
  id: string
  lastResult: SubmissionResult<string[]> | undefined
  defaultValue: EventFormDefaults
  /** Whether the event is still a draft (or new): then both "save draft" and "publish" show. */
  draft: boolean
}) {
  const { t } = useTranslation('events')
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    validation: checks(() => import('~/domains/hubs/events.schema.ts'), 'EventFormSchema'),
  })
  const when = (name: 'startsAt' | 'endsAt' | 'registrationClosesAt', hint?: string) => {
    const field = fields[name]
    const props = getInputProps(field, { type: 'datetime-local' })
    return (
      <div>
        <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
          {t(`fields.${name}`)}
        </label>
        <input {...props} key={props.key} className={inputClass} />
        {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
        <ErrorList id={field.errorId} errors={field.errors} />
      </div>
    )
  }
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('fields.kind')}
          field={fields.kind}
          options={eventKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <SelectField
          label={t('fields.audience')}
          field={fields.audience}
          options={eventAudiences.map((a) => ({ value: a, label: t(`audience.${a}`) }))}
        />
      </div>
      <Field label={t('fields.title')} field={fields.title} autoComplete="off" />
      <Field label={t('fields.summary')} field={fields.summary} hint={t('hints.summary')} />
      <TextareaField label={t('fields.description')} field={fields.description} />
      <div className="grid gap-4 sm:grid-cols-2">
        {when('startsAt', t('hints.beijing'))}
        {when('endsAt', t('hints.beijing'))}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('fields.place')} field={fields.place} hint={t('hints.place')} />
        <Field
          label={t('fields.onlineUrl')}
          field={fields.onlineUrl}
          type="url"
          hint={t('hints.onlineUrl')}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('fields.capacity')}
          field={fields.capacity}
          type="number"
          inputMode="numeric"
        />
        {when('registrationClosesAt', t('hints.closesAt'))}
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        {draft ? (
          <>
            <Button type="submit" name="intent" value="publish" disabled={busy}>
              {t('form.publish')}
            </Button>
            <Button type="submit" name="intent" value="save" variant="secondary" disabled={busy}>
              {t('form.saveDraft')}
            </Button>
          </>
        ) : (
          <Button type="submit" name="intent" value="save" disabled={busy}>
            {t('form.save')}
          </Button>
        )}
      </div>
    </Form>
  )
}
