// The instrument listing form's fields, shared by the new and edit pages. Nested and repeated
// fields (specs, accreditations, opening hours) are plain named inputs read back from the form's
// initial value, so what was typed survives a server round trip without JavaScript.
import type { FormMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { SegmentPicker } from './segment-picker.tsx'
import { TypePicker, type TypeChoices } from './type-picker.tsx'
import { ErrorList, Field, SelectField } from './ui/form.tsx'
import {
  accreditationKinds,
  equipmentCategories,
  serviceModes,
  weekdays,
} from '../domains/equipment/equipment-terms.ts'
import {
  MAX_KEYWORD_LENGTH,
  MAX_KEYWORDS,
  MAX_PHOTOS,
  MAX_SPECS,
} from '../domains/equipment/equipment-terms.ts'
import { typeLabel } from '../domains/equipment/type-names.ts'

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600'

/** The form's top-level text fields, as Conform sees them; the rest are read by path. */
export type ListingFormShape = {
  orgId: string
  name: string
  category: string
  typeName: string
  keywords: string
  serviceModes: string[]
  manufacturer: string
  model: string
  specs: { key: string; value: string; unit: string }[]
  segments: string[]
  city: string
  address: string
}

type Form = FormMetadata<ListingFormShape>

/** A value at a dotted path of the form's initial value (`hours.mon.from`, `specs.2.key`). */
function at(form: Form, path: string): unknown {
  let v: unknown = form.initialValue
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[part]
  }
  return v
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : v ? [str(v)] : []

/** Conform's name for a nested path: `specs[2].key`. */
const conformName = (path: string) => path.replace(/\.(\d+)(?=\.|$)/g, '[$1]')

function Input({
  form,
  path,
  label,
  type = 'text',
  hint,
  inputMode,
  className = '',
}: {
  form: Form
  path: string
  label: string
  type?: 'text' | 'date' | 'time' | 'number'
  hint?: string
  inputMode?: 'decimal' | 'numeric'
  className?: string
}) {
  const name = conformName(path)
  const id = `${form.id}-${path.replace(/\./g, '-')}`
  const errors = form.allErrors[name]
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        defaultValue={str(at(form, path)) || (at(form, path)?.toString() ?? '')}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={inputClass}
      />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  )
}

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

function Check({
  name,
  value = 'on',
  checked,
  children,
}: {
  name: string
  value?: string
  checked: boolean
  children: React.ReactNode
}) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" name={name} value={value} defaultChecked={checked} className="mt-1" />
      <span>{children}</span>
    </label>
  )
}

export type ExistingPhoto = { id: string }

export function ListingFields({
  form,
  photos = [],
  choices,
}: {
  form: Form
  photos?: ExistingPhoto[]
  /** The instrument types to choose from, from the loader. */
  choices: TypeChoices
}) {
  const { t, i18n } = useTranslation(['listings', 'equipment'])
  const fields = form.getFieldset()
  // What was typed, after a round trip; else the stored type, named in the reader's language.
  const typed = at(form, 'typeName')
  const stored = choices.types.find((c) => c.id === str(at(form, 'typeId')))
  const typeText =
    typeof typed === 'string' ? typed : stored ? typeLabel(stored, i18n.language) : ''
  const modes = list(at(form, 'serviceModes'))
  const segments = list(at(form, 'segments'))
  const specRows = Array.isArray(at(form, 'specs')) ? (at(form, 'specs') as unknown[]).length : 0
  const rows = Math.min(MAX_SPECS, Math.max(4, specRows + 2))
  const bookingMode = str(at(form, 'bookingMode')) || 'request'
  const on = (path: string) => at(form, path) === 'on' || at(form, path) === true
  return (
    <div className="space-y-8">
      <Section title={t('form.sections.basics')}>
        <Field label={t('fields.name')} field={fields.name} hint={t('hints.name')} />
        <TypePicker
          id={fields.typeName.id}
          name={fields.typeName.name}
          label={t('equipment:typePicker.label')}
          hint={t('equipment:typePicker.hint')}
          defaultValue={typeText}
          choices={choices}
          errors={fields.typeName.errors}
          errorId={fields.typeName.errorId}
          onChosen={() => form.validate({ name: fields.typeName.name })}
        />
        <Field
          label={t('equipment:keywords.label')}
          field={fields.keywords}
          hint={t('equipment:keywords.hint', { max: MAX_KEYWORDS, length: MAX_KEYWORD_LENGTH })}
        />
        <SelectField
          label={t('fields.category')}
          field={fields.category}
          placeholder={t('form.choose')}
          options={equipmentCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        />
        <fieldset aria-describedby={fields.serviceModes.errorId}>
          <legend className="block text-sm font-medium text-slate-800">
            {t('fields.serviceModes')}
          </legend>
          <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
            {serviceModes.map((m) => (
              <Check key={m} name="serviceModes" value={m} checked={modes.includes(m)}>
                {t(`serviceMode.${m}`)}
              </Check>
            ))}
          </div>
          <ErrorList id={fields.serviceModes.errorId} errors={fields.serviceModes.errors} />
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('fields.manufacturer')} field={fields.manufacturer} />
          <Field label={t('fields.model')} field={fields.model} />
        </div>
        <SegmentPicker
          name="segments"
          legend={t('fields.segments')}
          hint={t('hints.segments')}
          selected={segments}
          errors={fields.segments.errors}
          errorId={fields.segments.errorId}
        />
      </Section>

      <Section title={t('form.sections.specs')} hint={t('hints.specs', { max: MAX_SPECS })}>
        <div className="space-y-3">
          {Array.from({ length: rows }, (_, i) => (
            <div
              key={i}
              className="grid grid-cols-[minmax(0,2fr)_minmax(0,2fr)_minmax(0,1fr)] gap-2"
            >
              <Input form={form} path={`specs.${i}.key`} label={t('fields.specKey')} />
              <Input form={form} path={`specs.${i}.value`} label={t('fields.specValue')} />
              <Input form={form} path={`specs.${i}.unit`} label={t('fields.specUnit')} />
            </div>
          ))}
        </div>
        <ErrorList errors={fields.specs.errors} />
      </Section>

      <Section title={t('form.sections.photos')} hint={t('hints.photos', { max: MAX_PHOTOS })}>
        {photos.length > 0 ? (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {photos.map((p) => (
              <li key={p.id} className="space-y-1">
                <img
                  src={`/uploads/${p.id}`}
                  alt=""
                  className="aspect-[4/3] w-full rounded-md border border-slate-200 object-cover"
                />
                <Check name="removePhotoIds" value={p.id} checked={false}>
                  {t('fields.removePhoto')}
                </Check>
              </li>
            ))}
          </ul>
        ) : null}
        <div>
          <label htmlFor={`${form.id}-photos`} className="block text-sm font-medium text-slate-800">
            {t('fields.photos')}
          </label>
          <input
            id={`${form.id}-photos`}
            type="file"
            name="photos"
            multiple
            accept="image/jpeg,image/png,image/webp"
            className="mt-1 block w-full text-sm"
          />
          <ErrorList errors={form.allErrors['photos']} />
        </div>
      </Section>

      <Section title={t('form.sections.place')}>
        <div className="grid gap-4 sm:grid-cols-[1fr_2fr]">
          <Field label={t('fields.city')} field={fields.city} />
          <Field label={t('fields.address')} field={fields.address} />
        </div>
      </Section>

      <Section title={t('form.sections.accreditations')} hint={t('hints.accreditations')}>
        {accreditationKinds.map((kind) => (
          <div key={kind} className="grid gap-4 sm:grid-cols-2">
            <Input
              form={form}
              path={`accreditations.${kind}.certificateNo`}
              label={t('fields.certificateNo', { kind })}
            />
            <Input
              form={form}
              path={`accreditations.${kind}.expiresOn`}
              type="date"
              label={t('fields.expiresOn', { kind })}
            />
          </div>
        ))}
      </Section>

      <Section title={t('form.sections.prices')} hint={t('hints.prices')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Input form={form} path="hourYuan" label={t('fields.hourYuan')} inputMode="decimal" />
          <Input
            form={form}
            path="hourMemberYuan"
            label={t('fields.memberYuan')}
            inputMode="decimal"
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Input
            form={form}
            path="halfDayYuan"
            label={t('fields.halfDayYuan')}
            inputMode="decimal"
          />
          <Input
            form={form}
            path="halfDayMemberYuan"
            label={t('fields.memberYuan')}
            inputMode="decimal"
          />
          <Input
            form={form}
            path="halfDayHours"
            label={t('fields.blockHours')}
            inputMode="numeric"
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Input form={form} path="dayYuan" label={t('fields.dayYuan')} inputMode="decimal" />
          <Input
            form={form}
            path="dayMemberYuan"
            label={t('fields.memberYuan')}
            inputMode="decimal"
          />
          <Input form={form} path="dayHours" label={t('fields.blockHours')} inputMode="numeric" />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Input form={form} path="sampleYuan" label={t('fields.sampleYuan')} inputMode="decimal" />
          <Input
            form={form}
            path="sampleMemberYuan"
            label={t('fields.memberYuan')}
            inputMode="decimal"
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-4">
          <Input form={form} path="minHours" label={t('fields.minHours')} inputMode="decimal" />
          <Input form={form} path="maxHours" label={t('fields.maxHours')} inputMode="decimal" />
          <Input form={form} path="minSamples" label={t('fields.minSamples')} inputMode="numeric" />
          <Input form={form} path="maxSamples" label={t('fields.maxSamples')} inputMode="numeric" />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Input
            form={form}
            path="depositYuan"
            label={t('fields.depositYuan')}
            inputMode="decimal"
          />
          <Input
            form={form}
            path="cancelFreeHours"
            label={t('fields.cancelFreeHours')}
            inputMode="numeric"
          />
          <Input
            form={form}
            path="cancelLateFeePercent"
            label={t('fields.cancelLateFeePercent')}
            inputMode="decimal"
          />
        </div>
        <div className="space-y-2">
          <Check name="memberPricing" checked={on('memberPricing')}>
            {t('fields.memberPricing')}
          </Check>
          <Check name="vouchersAccepted" checked={on('vouchersAccepted')}>
            {t('fields.vouchersAccepted')}
          </Check>
        </div>
      </Section>

      <Section title={t('form.sections.capacity')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Input
            form={form}
            path="capacity"
            label={t('fields.capacity')}
            hint={t('hints.capacity')}
            inputMode="numeric"
          />
          <Input
            form={form}
            path="changeoverMinutes"
            label={t('fields.changeoverMinutes')}
            hint={t('hints.changeover')}
            inputMode="numeric"
          />
          <Input
            form={form}
            path="leadTimeHours"
            label={t('fields.leadTimeHours')}
            inputMode="numeric"
          />
          <Input
            form={form}
            path="samplesPerDay"
            label={t('fields.samplesPerDay')}
            hint={t('hints.samplesPerDay')}
            inputMode="numeric"
          />
        </div>
      </Section>

      <Section title={t('form.sections.hours')} hint={t('hints.hours')}>
        <div className="space-y-2">
          {weekdays.map((day) => (
            <div
              key={day}
              className="grid grid-cols-[4.5rem_minmax(0,1fr)_minmax(0,1fr)] items-end gap-2 sm:gap-3"
            >
              <div className="pb-2">
                <Check name={`hours.${day}.open`} checked={on(`hours.${day}.open`)}>
                  {t(`weekday.${day}`)}
                </Check>
              </div>
              <Input form={form} path={`hours.${day}.from`} type="time" label={t('fields.from')} />
              <Input form={form} path={`hours.${day}.to`} type="time" label={t('fields.to')} />
            </div>
          ))}
        </div>
        <Input
          form={form}
          path="blackoutDates"
          label={t('fields.blackoutDates')}
          hint={t('hints.blackoutDates')}
        />
      </Section>

      <Section title={t('form.sections.booking')}>
        <div className="space-y-2">
          {(['request', 'instant'] as const).map((mode) => (
            <label key={mode} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="bookingMode"
                value={mode}
                defaultChecked={bookingMode === mode}
                className="mt-1"
              />
              <span>
                <span className="font-medium">{t(`bookingMode.${mode}.label`)}</span>
                <span className="block text-slate-600">{t(`bookingMode.${mode}.hint`)}</span>
              </span>
            </label>
          ))}
        </div>
      </Section>
    </div>
  )
}
