// The campaign form's fields, shared by the new and edit pages. Plain named inputs read back from
// the form's initial value, so what was typed survives a server round trip without JavaScript;
// the equity offered is derived from the amounts and the valuation as they are typed.
import type { FormMetadata } from '@conform-to/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  companyForms,
  equityPpm,
  securityTypes,
  vehicles,
} from '../../domains/deals/deals.schema.ts'
import { parseYuan } from '../../domains/payments/money.ts'
import type { Language } from '../../i18n/config.ts'
import { SegmentPicker } from '../segment-picker.tsx'
import { ppmPercent } from './campaign-parts.tsx'
import { ErrorList } from '../ui/form.tsx'

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600'

export type CampaignFormShape = {
  orgId: string
  title: string
  oneLiner: string
  targetYuan: string
  maxYuan: string
  minTicketYuan: string
  minimumAcceptYuan: string
  preMoneyYuan: string
  securityType: string
  companyForm: string
  vehicle: string
  existingHolders: string
  deadline: string
  useOfFunds: string
  riskDisclosure: string
  details: string
  ndaBody: string
  segments: string[]
  changeNote: string
}

type Form = FormMetadata<CampaignFormShape>
type TextName = Exclude<keyof CampaignFormShape, 'segments' | 'orgId'>

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

function Input({
  form,
  name,
  label,
  hint,
  type = 'text',
  inputMode,
  onValue,
}: {
  form: Form
  name: TextName
  label: string
  hint?: string
  type?: 'text' | 'datetime-local' | 'number'
  inputMode?: 'numeric' | 'decimal'
  onValue?: (value: string) => void
}) {
  const field = form.getFieldset()[name]
  const hintId = hint ? `${field.id}-hint` : undefined
  const described = [hintId, field.errors?.length ? field.errorId : undefined]
    .filter(Boolean)
    .join(' ')
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={field.id}
        name={field.name}
        key={field.key}
        type={type}
        inputMode={inputMode}
        min={type === 'number' ? 0 : undefined}
        defaultValue={str(field.initialValue)}
        onChange={onValue ? (e) => onValue(e.currentTarget.value) : undefined}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={described || undefined}
        className={inputClass}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
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
  name: TextName
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

function Select({
  form,
  name,
  label,
  options,
}: {
  form: Form
  name: 'securityType' | 'companyForm' | 'vehicle'
  label: string
  options: { value: string; label: string }[]
}) {
  const { t } = useTranslation('campaigns')
  const field = form.getFieldset()[name]
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={field.id}
        name={field.name}
        key={field.key}
        defaultValue={str(field.initialValue)}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={field.errors?.length ? field.errorId : undefined}
        className={inputClass}
      >
        <option value="">{t('form.choose')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

/** The equity offered at the target and at the cap, from what is typed now. */
function EquityPreview({
  target,
  max,
  preMoney,
}: {
  target: string
  max: string
  preMoney: string
}) {
  const { t } = useTranslation('campaigns')
  const pre = parseYuan(preMoney)
  const at = (amount: string) => {
    const fen = parseYuan(amount)
    return fen && pre ? ppmPercent(equityPpm(fen, pre)) : '—'
  }
  return (
    <div
      aria-live="polite"
      className="grid gap-3 rounded-md border border-brand-100 bg-brand-50 p-4 text-sm sm:grid-cols-2"
    >
      <p>
        <span className="block text-slate-600">{t('form.equityAtTarget')}</span>
        <span className="text-lg font-semibold text-slate-900 tabular-nums">{at(target)}</span>
      </p>
      <p>
        <span className="block text-slate-600">{t('form.equityAtCap')}</span>
        <span className="text-lg font-semibold text-slate-900 tabular-nums">{at(max)}</span>
      </p>
      <p className="text-xs text-slate-600 sm:col-span-2">{t('form.equityHint')}</p>
    </div>
  )
}

export function CampaignFields({
  form,
  lng: _lng,
  live = false,
  pitchDeck = null,
}: {
  form: Form
  lng: Language
  /** Editing a published campaign: material changes need a note for investors. */
  live?: boolean
  pitchDeck?: { id: string; name: string } | null
}) {
  const { t } = useTranslation('campaigns')
  const fields = form.getFieldset()
  const [target, setTarget] = useState(str(fields.targetYuan.initialValue))
  const [max, setMax] = useState(str(fields.maxYuan.initialValue))
  const [preMoney, setPreMoney] = useState(str(fields.preMoneyYuan.initialValue))
  return (
    <div className="space-y-8">
      <Section title={t('form.sections.basics')}>
        <Input form={form} name="title" label={t('fields.title')} />
        <Input
          form={form}
          name="oneLiner"
          label={t('fields.oneLiner')}
          hint={t('hints.oneLiner')}
        />
        <SegmentPicker
          name="segments"
          legend={t('fields.segments')}
          hint={t('hints.segments')}
          selected={list(fields.segments.initialValue)}
          errors={fields.segments.errors}
          errorId={fields.segments.errorId}
        />
      </Section>

      <Section title={t('form.sections.terms')} hint={live ? t('hints.material') : undefined}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Input
            form={form}
            name="targetYuan"
            label={t('fields.targetYuan')}
            inputMode="decimal"
            onValue={setTarget}
          />
          <Input
            form={form}
            name="maxYuan"
            label={t('fields.maxYuan')}
            hint={t('hints.maxYuan')}
            inputMode="decimal"
            onValue={setMax}
          />
          <Input
            form={form}
            name="minTicketYuan"
            label={t('fields.minTicketYuan')}
            inputMode="decimal"
          />
          <Input
            form={form}
            name="minimumAcceptYuan"
            label={t('fields.minimumAcceptYuan')}
            hint={t('hints.minimumAcceptYuan')}
            inputMode="decimal"
          />
          <Input
            form={form}
            name="preMoneyYuan"
            label={t('fields.preMoneyYuan')}
            inputMode="decimal"
            onValue={setPreMoney}
          />
          <Select
            form={form}
            name="securityType"
            label={t('fields.securityType')}
            options={securityTypes.map((s) => ({ value: s, label: t(`security.${s}`) }))}
          />
        </div>
        <EquityPreview target={target} max={max} preMoney={preMoney} />
        <Input
          form={form}
          name="deadline"
          type="datetime-local"
          label={t('fields.deadline')}
          hint={t('hints.deadline')}
        />
      </Section>

      <Section title={t('form.sections.company')} hint={t('hints.company')}>
        <div className="grid gap-4 sm:grid-cols-3">
          <Select
            form={form}
            name="companyForm"
            label={t('fields.companyForm')}
            options={companyForms.map((s) => ({ value: s, label: t(`companyForm.${s}`) }))}
          />
          <Select
            form={form}
            name="vehicle"
            label={t('fields.vehicle')}
            options={vehicles.map((s) => ({ value: s, label: t(`vehicle.${s}`) }))}
          />
          <Input
            form={form}
            name="existingHolders"
            type="number"
            label={t('fields.existingHolders')}
            inputMode="numeric"
          />
        </div>
      </Section>

      <Section title={t('form.sections.disclosure')}>
        <Area form={form} name="useOfFunds" label={t('fields.useOfFunds')} rows={4} />
        <Area
          form={form}
          name="riskDisclosure"
          label={t('fields.riskDisclosure')}
          hint={t('hints.riskDisclosure')}
          rows={6}
        />
        <Area
          form={form}
          name="details"
          label={t('fields.details')}
          hint={t('hints.details')}
          rows={8}
        />
      </Section>

      <Section title={t('form.sections.dataRoom')}>
        <Area
          form={form}
          name="ndaBody"
          label={t('fields.ndaBody')}
          hint={t('hints.ndaBody')}
          rows={5}
        />
        <div>
          {pitchDeck ? (
            <p className="mb-2 flex flex-wrap items-center gap-3 text-sm">
              <a href={`/uploads/${pitchDeck.id}`}>{pitchDeck.name}</a>
              <label className="flex items-center gap-1 text-xs text-slate-600">
                <input type="checkbox" name="removePitchDeck" value="1" />
                {t('form.removePitchDeck')}
              </label>
            </p>
          ) : null}
          <label htmlFor={`${form.id}-pitchDeck`} className="block text-sm font-medium">
            {t('fields.pitchDeck')}
          </label>
          <input
            id={`${form.id}-pitchDeck`}
            type="file"
            name="pitchDeck"
            accept="application/pdf"
            className="mt-1 block w-full text-sm"
          />
          <p className="mt-1 text-xs text-slate-500">{t('hints.pitchDeck')}</p>
          <ErrorList errors={form.allErrors.pitchDeck} />
        </div>
      </Section>

      {live ? (
        <Section title={t('form.sections.change')} hint={t('hints.changeNote')}>
          <Area form={form} name="changeNote" label={t('fields.changeNote')} rows={3} />
        </Section>
      ) : null}
    </div>
  )
}
