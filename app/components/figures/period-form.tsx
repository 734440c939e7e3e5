// The period form of the figures pages: two months (Beijing calendar), submitted by GET so the
// period is in the address and the CSV and report links can carry it.
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, ErrorList, FormErrors } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'

export function PeriodForm({
  period,
  thisMonth,
  lastResult,
}: {
  period: { from: string; to: string }
  thisMonth: string
  lastResult: SubmissionResult<string[]> | null
}) {
  const { t } = useTranslation('figures')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'figures-period',
    lastResult,
    defaultValue: period,
    shouldValidate: 'onSubmit',
    validation: checks(
      () => import('~/domains/spaces/figures.schema.ts'),
      (m) => m.periodSchema(thisMonth),
    ),
  })
  const monthInput = (field: typeof fields.from, label: string) => {
    const props = getInputProps(field, { type: 'month', ariaDescribedBy: 'figures-period-hint' })
    return (
      <div className="min-w-0 flex-1 basis-40">
        <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <input
          {...props}
          key={props.key}
          max={thisMonth}
          placeholder="2026-01"
          pattern="\d{4}-\d{2}"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
        />
        <ErrorList id={field.errorId} errors={field.errors} />
      </div>
    )
  }
  return (
    <Form
      method="get"
      {...getFormProps(form)}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">{t('period.legend')}</legend>
        <FormErrors errors={form.errors} />
        <div className="mt-2 flex flex-wrap items-start gap-3">
          {monthInput(fields.from, t('period.from'))}
          {monthInput(fields.to, t('period.to'))}
          <div className="flex basis-full sm:basis-auto sm:pt-6">
            <Button
              type="submit"
              className="w-full sm:w-auto"
              disabled={navigation.state !== 'idle'}
            >
              {t('period.apply')}
            </Button>
          </div>
        </div>
        <p id="figures-period-hint" className="mt-2 text-xs text-slate-500">
          {t('period.hint')}
        </p>
      </fieldset>
    </Form>
  )
}
