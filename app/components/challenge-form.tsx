// The challenge form's fields, shared by the new and edit pages. Plain named inputs read back from
// the form's initial value, so what was typed survives a server round trip without JavaScript.
import type { FormMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { SegmentPicker } from './segment-picker.tsx'
import { ErrorList, Field, SelectField } from './ui/form.tsx'
import {
  challengeTypes,
  eligibilities,
  ipTerms,
  solicitationModes,
} from '../domains/challenges/challenge.schema.ts'
import { MAX_ATTACHMENTS } from '../domains/challenges/challenge-limits.ts'

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600'

export type ChallengeFormShape = {
  orgId: string
  title: string
  summary: string
  details: string
  segments: string[]
  type: string
  solicitation: string
  awardMode: string
  awardYuan: string
  budgetMinYuan: string
  budgetMaxYuan: string
  bidDeadline: string
  awardDeadline: string
  deliveryDeadline: string
  ipTerms: string
  confidentiality: string
  ndaTitle: string
  ndaBody: string
  eligibility: string
  eligibleSpaceIds: string[]
  eligibleSegments: string[]
  amendmentNote: string
}

type Form = FormMetadata<ChallengeFormShape>

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : v ? [str(v)] : []

function Section({
  title,
  hint,
  children,
}: {
  title: string
  hint?: string
  children: React.ReactNode
}) {
  return (
    <fieldset className="min-w-0 space-y-4 border-t border-slate-200 pt-5 first:border-t-0 first:pt-0">
      <legend className="text-base font-semibold text-slate-900">{title}</legend>
      {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      {children}
    </fieldset>
  )
}

function Area({
  form,
  name,
  label,
  hint,
  rows = 4,
}: {
  form: Form
  name: 'summary' | 'details' | 'ndaBody' | 'amendmentNote'
  label: string
  hint?: string
  rows?: number
}) {
  const field = form.getFieldset()[name]
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={field.id}
        name={field.name}
        key={field.key}
        rows={rows}
        defaultValue={str(field.initialValue)}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={field.errors?.length ? field.errorId : undefined}
        className={inputClass}
      />
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

function Radios({
  form,
  name,
  legend,
  options,
}: {
  form: Form
  name: 'awardMode' | 'confidentiality' | 'eligibility' | 'solicitation'
  legend: string
  options: { value: string; label: string; hint?: string }[]
}) {
  const field = form.getFieldset()[name]
  const current = str(field.initialValue) || options[0]?.value
  return (
    <fieldset aria-describedby={field.errorId}>
      <legend className="block text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-2 space-y-2">
        {options.map((o) => (
          <label key={o.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={field.name}
              value={o.value}
              defaultChecked={current === o.value}
              className="mt-1"
            />
            <span>
              {o.label}
              {o.hint ? <span className="block text-xs text-slate-500">{o.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  )
}

function DateTime({
  form,
  name,
  label,
}: {
  form: Form
  name: 'bidDeadline' | 'awardDeadline' | 'deliveryDeadline'
  label: string
}) {
  const field = form.getFieldset()[name]
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={field.id}
        name={field.name}
        key={field.key}
        type="datetime-local"
        defaultValue={str(field.initialValue)}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={field.errors?.length ? field.errorId : undefined}
        className={inputClass}
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export type ExistingAttachment = { id: string; name: string }

function Attachments({
  form,
  name,
  label,
  existing,
}: {
  form: Form
  name: 'attachments' | 'confidentialAttachments'
  label: string
  existing: ExistingAttachment[]
}) {
  const { t } = useTranslation('challenges')
  return (
    <div>
      {existing.length > 0 ? (
        <ul className="mb-2 space-y-1 text-sm">
          {existing.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-3">
              <a href={`/uploads/${a.id}`}>{a.name}</a>
              <label className="flex items-center gap-1 text-xs text-slate-600">
                <input type="checkbox" name="removeUploadIds" value={a.id} />
                {t('form.remove')}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <label htmlFor={`${form.id}-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={`${form.id}-${name}`}
        type="file"
        name={name}
        multiple
        accept="application/pdf,image/jpeg,image/png,image/webp,application/zip"
        className="mt-1 block w-full text-sm"
      />
      <ErrorList errors={form.allErrors[name]} />
    </div>
  )
}

export function ChallengeFields({
  form,
  spaces,
  attachments = [],
  confidentialAttachments = [],
  amending = false,
}: {
  form: Form
  spaces: { id: string; name: string }[]
  attachments?: ExistingAttachment[]
  confidentialAttachments?: ExistingAttachment[]
  amending?: boolean
}) {
  const { t } = useTranslation('challenges')
  const fields = form.getFieldset()
  const chosenSpaces = list(fields.eligibleSpaceIds.initialValue)
  return (
    <div className="space-y-8">
      <Section title={t('form.sections.basics')}>
        <Field label={t('fields.title')} field={fields.title} />
        <Area form={form} name="summary" label={t('fields.summary')} hint={t('hints.summary')} />
        <Area
          form={form}
          name="details"
          rows={8}
          label={t('fields.details')}
          hint={t('hints.details')}
        />
        <SelectField
          label={t('fields.type')}
          field={fields.type}
          placeholder={t('form.choose')}
          options={challengeTypes.map((c) => ({ value: c, label: t(`type.${c}`) }))}
        />
        <SegmentPicker
          name="segments"
          legend={t('fields.segments')}
          hint={t('hints.segments')}
          selected={list(fields.segments.initialValue)}
          errors={fields.segments.errors}
          errorId={fields.segments.errorId}
        />
        <Radios
          form={form}
          name="solicitation"
          legend={t('fields.solicitation')}
          options={solicitationModes.map((m) => ({
            value: m,
            label: t(`solicitation.${m}`),
            hint: t(`solicitationHint.${m}`),
          }))}
        />
      </Section>

      <Section title={t('form.sections.award')} hint={t('hints.award')}>
        <Radios
          form={form}
          name="awardMode"
          legend={t('fields.awardMode')}
          options={[
            { value: 'fixed', label: t('awardMode.fixed') },
            { value: 'range', label: t('awardMode.range') },
          ]}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t('fields.awardYuan')} field={fields.awardYuan} inputMode="numeric" />
          <Field
            label={t('fields.budgetMinYuan')}
            field={fields.budgetMinYuan}
            inputMode="numeric"
          />
          <Field
            label={t('fields.budgetMaxYuan')}
            field={fields.budgetMaxYuan}
            inputMode="numeric"
          />
        </div>
        <SelectField
          label={t('fields.ipTerms')}
          field={fields.ipTerms}
          placeholder={t('form.choose')}
          options={ipTerms.map((c) => ({ value: c, label: t(`ip.${c}`) }))}
        />
      </Section>

      <Section title={t('form.sections.deadlines')} hint={t('hints.deadlines')}>
        <div className="grid gap-4 sm:grid-cols-3">
          <DateTime form={form} name="bidDeadline" label={t('fields.bidDeadline')} />
          <DateTime form={form} name="awardDeadline" label={t('fields.awardDeadline')} />
          <DateTime form={form} name="deliveryDeadline" label={t('fields.deliveryDeadline')} />
        </div>
      </Section>

      <Section title={t('form.sections.confidentiality')}>
        <Radios
          form={form}
          name="confidentiality"
          legend={t('fields.confidentiality')}
          options={[
            { value: 'public', label: t('confidentiality.public') },
            { value: 'nda', label: t('confidentiality.nda'), hint: t('hints.nda') },
          ]}
        />
        <Field label={t('fields.ndaTitle')} field={fields.ndaTitle} />
        <Area
          form={form}
          name="ndaBody"
          rows={6}
          label={t('fields.ndaBody')}
          hint={t('hints.ndaBody')}
        />
      </Section>

      <Section title={t('form.sections.eligibility')}>
        <Radios
          form={form}
          name="eligibility"
          legend={t('fields.eligibility')}
          options={eligibilities.map((e) => ({ value: e, label: t(`eligibility.${e}`) }))}
        />
        <fieldset aria-describedby={fields.eligibleSpaceIds.errorId}>
          <legend className="block text-sm font-medium text-slate-800">
            {t('fields.eligibleSpaceIds')}
          </legend>
          <div className="mt-2 grid max-h-48 gap-1 overflow-y-auto rounded-md border border-slate-300 bg-white p-3 sm:grid-cols-2">
            {spaces.map((s) => (
              <label key={s.id} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="eligibleSpaceIds"
                  value={s.id}
                  defaultChecked={chosenSpaces.includes(s.id)}
                  className="mt-1"
                />
                <span>{s.name}</span>
              </label>
            ))}
          </div>
          <ErrorList id={fields.eligibleSpaceIds.errorId} errors={fields.eligibleSpaceIds.errors} />
        </fieldset>
        <SegmentPicker
          name="eligibleSegments"
          legend={t('fields.eligibleSegments')}
          selected={list(fields.eligibleSegments.initialValue)}
          errors={fields.eligibleSegments.errors}
          errorId={fields.eligibleSegments.errorId}
        />
      </Section>

      <Section
        title={t('form.sections.attachments')}
        hint={t('hints.attachments', { max: MAX_ATTACHMENTS })}
      >
        <Attachments
          form={form}
          name="attachments"
          label={t('fields.attachments')}
          existing={attachments}
        />
        <Attachments
          form={form}
          name="confidentialAttachments"
          label={t('fields.confidentialAttachments')}
          existing={confidentialAttachments}
        />
      </Section>

      {amending ? (
        <Section title={t('form.sections.amendment')} hint={t('hints.amendment')}>
          <Area form={form} name="amendmentNote" label={t('fields.amendmentNote')} />
        </Section>
      ) : null}
    </div>
  )
}
