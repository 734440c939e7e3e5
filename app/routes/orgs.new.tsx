// Register an organisation: its data, its 营业执照 and a letter authorising the person who
// registers it. A wrong 信用代码 is refused with the reason; one already on the platform opens
// a claim case instead of a duplicate.
import { getFormProps, getInputProps } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { parseMultipart, tooLargeReply } from '~/domains/uploads/multipart.server.ts'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SegmentPicker } from '~/components/segment-picker.tsx'
import {
  Button,
  Card,
  ErrorList,
  Field,
  FormErrors,
  PageTitle,
  SelectField,
  TextareaField,
} from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { createOrg } from '~/domains/orgs/create-org.server.ts'
import { orgTypes } from '~/domains/orgs/org.schema.ts'
import { CreateOrgSchema } from '~/domains/orgs/orgs.schema.ts'
import { uploadPurposes } from '~/domains/uploads/uploads.schema.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMember(request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  let formData: FormData
  try {
    formData = await parseMultipart(request, uploadPurposes['org-document'].maxBytes, {
      files: 2,
    })
  } catch (error) {
    // Beside the file that was too large, with what was typed kept; above the form when the
    // body was cut off before either file was read.
    const result = tooLargeReply(error, '', uploadPurposes['org-document'].maxBytes)
    if (!result) throw error
    return Response.json({ result, claim: false }, { status: 413 })
  }
  const submission = parseWithZod(formData, { schema: CreateOrgSchema })
  if (submission.status !== 'success') return { result: submission.reply(), claim: false }
  const file = (name: string) => {
    const v = formData.get(name)
    return v instanceof File ? v : null
  }
  try {
    const result = await createOrg({
      userId: auth.user.id,
      ip: clientIp(context),
      ...submission.value,
      license: file('license'),
      letter: file('letter'),
    })
    if (result.kind === 'created') return redirect(`/orgs/${result.slug}?done=created`)
    return { result: submission.reply({ resetForm: true }), claim: true }
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result, claim: false }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '登记机构 · 众创 Zhongchuang' }]

export default function NewOrgPage() {
  const { t } = useTranslation('orgs')
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    validation: checks(() => import('~/domains/orgs/orgs.schema.ts'), 'CreateOrgSchema'),
  })
  if (actionData?.claim) {
    return (
      <div className="mx-auto max-w-2xl">
        <PageTitle>{t('claim.openedTitle')}</PageTitle>
        <Card>
          <p>{t('claim.openedBody')}</p>
        </Card>
      </div>
    )
  }
  // File inputs are not in the schema (the use case checks their content), so their errors
  // come straight from the reply.
  const fileErrors = (name: string): string[] | undefined => {
    const result = actionData?.result
    return result?.error?.[name] ?? undefined
  }
  const selected = (fields.segments.value as string[] | string | undefined) ?? []
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle sub={t('new.sub')}>{t('new.title')}</PageTitle>
      <Card>
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          className="space-y-5"
        >
          <FormErrors errors={form.errors} />
          <SelectField
            label={t('fields.type')}
            field={fields.type}
            placeholder={t('fields.choose')}
            options={orgTypes.map((v) => ({ value: v, label: t(`types.${v}`) }))}
          />
          <Field label={t('fields.name')} field={fields.name} hint={t('fields.nameHint')} />
          <Field label={t('fields.nameEn')} field={fields.nameEn} />
          <Field label={t('fields.uscc')} field={fields.uscc} hint={t('fields.usccHint')} />
          <Field label={t('fields.city')} field={fields.city} />
          <SegmentPicker
            name="segments"
            legend={t('fields.segments')}
            hint={t('fields.segmentsHint')}
            selected={Array.isArray(selected) ? selected : [selected]}
            errors={fields.segments.errors}
            errorId={fields.segments.errorId}
          />
          <TextareaField label={t('fields.description')} field={fields.description} />
          <FileField
            name="license"
            label={t('fields.license')}
            hint={t('fields.fileHint')}
            errors={fileErrors('license')}
          />
          <FileField
            name="letter"
            label={t('fields.letter')}
            hint={t('fields.letterHint')}
            errors={fileErrors('letter')}
          />
          <div>
            <label className="flex items-start gap-2 text-sm">
              <input
                {...getInputProps(fields.documentsConsent, { type: 'checkbox' })}
                className="mt-1"
              />
              <span>{t('fields.documentsConsent')}</span>
            </label>
            <ErrorList
              id={fields.documentsConsent.errorId}
              errors={fields.documentsConsent.errors}
            />
          </div>
          <Button type="submit">{t('new.submit')}</Button>
        </Form>
      </Card>
    </div>
  )
}

function FileField({
  name,
  label,
  hint,
  errors,
}: {
  name: string
  label: string
  hint: string
  errors?: string[]
}) {
  return (
    <div>
      <label htmlFor={`file-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={`file-${name}`}
        name={name}
        type="file"
        accept="application/pdf,image/jpeg,image/png,image/webp"
        aria-describedby={`file-${name}-hint`}
        aria-invalid={errors?.length ? true : undefined}
        className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2"
      />
      <p id={`file-${name}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      <ErrorList errors={errors} />
    </div>
  )
}
