// Suspend and reinstate forms for the admin's user list and user page. Where the admin may not
// act (themselves, another platform admin, a member of their own organisation) a note says why.
import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, ErrorList, FormErrors } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'

type Reply = { suspension?: { key: string; result: SubmissionResult<string[]> } }

export function SuspensionForms({
  userId,
  suspended,
  refusal,
  open,
}: {
  userId: string
  suspended: boolean
  /** A message key saying why this admin may not act, or null. */
  refusal: string | null
  /** Show the form rather than a disclosure (the user's own page). */
  open?: boolean
}) {
  const { t } = useTranslation('moderation')
  const data = useActionData() as Reply | undefined
  const lastResult = data?.suspension?.key === userId ? data.suspension.result : undefined
  const [form, fields] = useForm({
    id: `${suspended ? 'reinstate' : 'suspend'}-${userId}`,
    lastResult,
    validation: checks(
      () => import('~/domains/moderation/suspension.schema.ts'),
      'SuspensionActionSchema',
    ),
    shouldValidate: 'onSubmit',
  })
  if (refusal) return <p className="text-xs text-amber-800">{t(refusal)}</p>
  const field = suspended ? fields.note : fields.reason
  const body = (
    <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
      <input type="hidden" name="intent" value={suspended ? 'reinstate' : 'suspend'} />
      <input type="hidden" name="userId" value={userId} />
      <FormErrors errors={form.errors} />
      <label htmlFor={field.id} className="block text-xs font-medium text-slate-700">
        {suspended ? t('users.reinstateNote') : t('users.reason')}
      </label>
      <textarea
        {...getTextareaProps(field)}
        rows={2}
        className="block w-full min-w-56 rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
      <ErrorList id={field.errorId} errors={field.errors} />
      {suspended ? null : <p className="text-xs text-slate-600">{t('users.suspendNote')}</p>}
      <Button type="submit" variant={suspended ? 'secondary' : 'danger'}>
        {suspended ? t('users.reinstate') : t('users.suspend')}
      </Button>
    </Form>
  )
  if (open) return body
  return (
    <details open={Boolean(lastResult)} className="text-sm">
      <summary className="cursor-pointer font-medium text-brand-700">
        {suspended ? t('users.reinstateOpen') : t('users.suspendOpen')}
      </summary>
      {body}
    </details>
  )
}
