// Moderators' hide and lift forms, and the searchable content table the admin pages for
// listings, challenges and campaigns share. A case where the admin's own organisation owns the
// content shows a note instead of the buttons.
import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Pager, table } from '~/components/admin-nav.tsx'
import { Button, Card, ErrorList, FormErrors } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import type { HoldSubject } from '~/domains/moderation/moderation.machine.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

type Reply = { hold?: { key: string; result: SubmissionResult<string[]> } }

function useHoldReply(key: string) {
  const data = useActionData() as Reply | undefined
  return data?.hold?.key === key ? data.hold.result : undefined
}

export function HideForm({ kind, subjectId }: { kind: HoldSubject; subjectId: string }) {
  const { t } = useTranslation('moderation')
  const lastResult = useHoldReply(subjectId)
  const [form, fields] = useForm({
    id: `hide-${subjectId}`,
    lastResult,
    validation: checks(() => import('~/domains/moderation/hold.schema.ts'), 'HoldActionSchema'),
    shouldValidate: 'onSubmit',
  })
  return (
    <details open={Boolean(lastResult)} className="text-sm">
      <summary className="cursor-pointer font-medium text-red-800">{t('admin.hide')}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="hide" />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="subjectId" value={subjectId} />
        <FormErrors errors={form.errors} />
        <label htmlFor={fields.reason.id} className="block text-xs font-medium text-slate-700">
          {t('admin.reason')}
        </label>
        <textarea
          {...getTextareaProps(fields.reason)}
          rows={2}
          className="block w-full min-w-56 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        <p className="text-xs text-slate-600">{t('admin.hideNote')}</p>
        <Button type="submit" variant="danger">
          {t('admin.hideSubmit')}
        </Button>
      </Form>
    </details>
  )
}

export function LiftForm({ holdId }: { holdId: string }) {
  const { t } = useTranslation('moderation')
  const lastResult = useHoldReply(holdId)
  const [form, fields] = useForm({
    id: `lift-${holdId}`,
    lastResult,
    validation: checks(() => import('~/domains/moderation/hold.schema.ts'), 'HoldActionSchema'),
    shouldValidate: 'onSubmit',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2 text-sm">
      <input type="hidden" name="intent" value="lift" />
      <input type="hidden" name="holdId" value={holdId} />
      <FormErrors errors={form.errors} />
      <label htmlFor={fields.note.id} className="block text-xs font-medium text-slate-700">
        {t('admin.liftNote')}
      </label>
      <textarea
        {...getTextareaProps(fields.note)}
        rows={1}
        className="block w-full min-w-56 rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
      <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
      <Button type="submit" variant="secondary">
        {t('admin.lift')}
      </Button>
    </Form>
  )
}

export type ModerationRowView = {
  kind: HoldSubject
  id: string
  title: string
  status: string
  orgName: string
  link: string
  conflict: boolean
  hold: { id: string; reason: string; imposedAt: string } | null
}

/** The hold column of one subject: its hold and lift form, or the hide form, or the conflict note. */
export function HoldCell({ row }: { row: ModerationRowView }) {
  const { t } = useTranslation(['moderation', 'admin'])
  const lng = useRootData()?.locale ?? fallbackLanguage
  return (
    <div className="space-y-2">
      {row.hold ? (
        <p className="text-xs text-red-900">
          <span className="font-semibold">{t('tag')}</span> · {formatDate(row.hold.imposedAt, lng)}{' '}
          · {row.hold.reason}
        </p>
      ) : null}
      {row.conflict ? (
        <p className="text-xs text-amber-800">{t('admin:conflict.refused')}</p>
      ) : row.hold ? (
        <LiftForm holdId={row.hold.id} />
      ) : (
        <HideForm kind={row.kind} subjectId={row.id} />
      )}
    </div>
  )
}

/** Search by name or organisation, and the table of subjects with their hold column. */
export function ContentModeration({
  rows,
  q,
  page,
  hasNext,
  statusLabel,
  title,
}: {
  rows: ModerationRowView[]
  q: string
  page: number
  hasNext: boolean
  statusLabel: (status: string) => string
  title?: string
}) {
  const { t } = useTranslation('moderation')
  return (
    <section className="mt-8" aria-labelledby="content-moderation">
      <h2 id="content-moderation" className="mb-3 text-lg font-semibold text-slate-900">
        {title ?? t('admin.contentTitle')}
      </h2>
      <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-60">
          <label htmlFor="moderation-q" className="block text-sm font-medium text-slate-800">
            {t('admin.search')}
          </label>
          <input
            id="moderation-q"
            type="search"
            name="q"
            defaultValue={q}
            maxLength={100}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          />
        </div>
        <Button type="submit">{t('admin.searchSubmit')}</Button>
      </Form>
      <Card>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t('admin.noContent')}</p>
        ) : (
          <div className={table.wrap}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th scope="col" className={table.th}>
                    {t('admin.columns.subject')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('admin.columns.status')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('admin.columns.hold')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className={`${table.td} min-w-40`}>
                      <Link to={r.link}>{r.title}</Link>
                      <span className="block text-xs text-slate-500">{r.orgName}</span>
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>{statusLabel(r.status)}</td>
                    <td className={`${table.td} min-w-64`}>
                      <HoldCell row={r} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Pager page={page} hasNext={hasNext} />
    </section>
  )
}
