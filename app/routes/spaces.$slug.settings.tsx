// /spaces/:slug/settings: the space's admins change its name, description and declared 备案
// with its 文号. A changed declaration is checked again by the platform.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  Button,
  Card,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  SelectField,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { requireOrgPermission } from '~/domains/accounts/auth.server.ts'
import { filingStatuses } from '~/domains/spaces/space.schema.ts'
import { SpaceSettingsSchema, type SpaceSettings } from '~/domains/spaces/space-settings.schema.ts'
import { updateSpaceSettings } from '~/domains/spaces/space-settings.server.ts'
import { getSpace } from '~/domains/spaces/spaces.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'

async function findSpace(slug: string | undefined) {
  const found = await getSpace(slug ?? '')
  if (!found) throw new Response('not found', { status: 404 })
  return found
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { space, operator } = await findSpace(params.slug)
  await requireOrgPermission(request, operator.id, 'manage:space:own')
  return {
    space: {
      slug: space.slug,
      name: space.name,
      description: space.description,
      filing: space.filing,
      filingReference: space.filingReference ?? '',
      filingCheck: space.filingCheck,
      filingCheckNote: space.filingCheckNote,
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { space, operator } = await findSpace(params.slug)
  const { auth } = await requireOrgPermission(request, operator.id, 'manage:space:own')
  const submission = parseWithZod(await request.formData(), { schema: SpaceSettingsSchema })
  if (submission.status !== 'success')
    return Response.json({ result: submission.reply() }, { status: 400 })
  try {
    const { redeclared } = await updateSpaceSettings({
      spaceId: space.id,
      settings: submission.value,
      actorUserId: auth.user.id,
      ip: clientIp(context),
    })
    return redirect(`/spaces/${space.slug}/settings?saved=${redeclared ? 'redeclared' : '1'}`)
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '空间设置 · 众创 Zhongchuang' }]

export default function SpaceSettingsPage() {
  const { t } = useTranslation('spaces')
  const { t: tm } = useTranslation('moderation')
  const { space } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as { result: SubmissionResult<string[]> } | undefined
  const [params] = useSearchParams()
  const saved = params.get('saved')
  const [form, fields] = useForm<SpaceSettings>({
    id: 'space-settings',
    lastResult: reply?.result,
    defaultValue: {
      name: space.name,
      description: space.description,
      filing: space.filing,
      filingReference: space.filingReference,
    },
    validation: checks(
      () => import('~/domains/spaces/space-settings.schema.ts'),
      'SpaceSettingsSchema',
    ),
    shouldValidate: 'onBlur',
  })
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle sub={tm('settings.sub')}>{tm('settings.title', { name: space.name })}</PageTitle>
      {saved ? (
        <div className="mb-4">
          <Notice tone="success">
            {saved === 'redeclared' ? tm('settings.redeclared') : tm('settings.saved')}
          </Notice>
        </div>
      ) : null}
      <div className="mb-4">
        <Notice tone={space.filingCheck === 'rejected' ? 'warning' : 'info'}>
          {tm(`settings.check.${space.filingCheck}`)}
          {space.filingCheckNote
            ? ` ${tm('settings.checkNote', { note: space.filingCheckNote })}`
            : ''}
        </Notice>
      </div>
      <Card>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors errors={form.errors} />
          <Field label={t('fields.name')} field={fields.name} />
          <TextareaField label={t('fields.description')} field={fields.description} />
          <SelectField
            label={t('fields.filing')}
            field={fields.filing}
            options={filingStatuses.map((f) => ({ value: f, label: t(`filing.${f}`) }))}
          />
          <Field
            label={tm('filing.reference')}
            field={fields.filingReference}
            hint={tm('settings.redeclareNote')}
          />
          <Button type="submit">{tm('settings.save')}</Button>
        </Form>
      </Card>
    </div>
  )
}
