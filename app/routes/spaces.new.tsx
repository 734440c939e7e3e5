// Create a maker space for the organisation this session acts for. Only verified operators,
// enterprises, institutes and universities may; everyone else is told why instead of the form.
import { getFormProps } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SegmentPicker } from '~/components/segment-picker.tsx'
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
import {
  actingParty,
  forbidden,
  membershipOf,
  requireMember,
  requireOrgPermission,
} from '~/domains/accounts/auth.server.ts'
import { checkOrgPermission, type OrgDenial } from '~/domains/accounts/permissions.ts'
import { filingStatuses, spaceKinds } from '~/domains/spaces/space.schema.ts'
import { CreateSpaceSchema } from '~/domains/spaces/spaces.schema.ts'
import { createSpace } from '~/domains/spaces/spaces.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'

/** Slugs that name a route under /spaces rather than a space. */
const reservedSlugs: ReadonlySet<string> = new Set(['new'])

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const acting = actingParty(auth)
  const membership = acting.kind === 'org' ? membershipOf(auth, acting.orgId) : undefined
  if (!membership) return { org: null, denial: 'person' as const }
  const denial: OrgDenial | null = checkOrgPermission(membership, 'create:space:own')
  return { org: { name: membership.name, slug: membership.slug }, denial }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const acting = actingParty(auth)
  if (acting.kind !== 'org') throw forbidden()
  await requireOrgPermission(request, acting.orgId, 'create:space:own')
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: CreateSpaceSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  if (reservedSlugs.has(submission.value.slug)) {
    return { result: submission.reply({ fieldErrors: { slug: ['spaces:errors.slugTaken'] } }) }
  }
  const { services, ...value } = submission.value
  try {
    const { slug } = await createSpace({
      ...value,
      operatorOrgId: acting.orgId,
      actorUserId: auth.user.id,
      services: (services ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
      ip: clientIp(context),
    })
    return redirect(`/spaces/${slug}`)
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result }, { status })
  }
}

const denialKeys: Record<OrgDenial | 'person', string> = {
  person: 'person',
  role: 'role',
  unverified: 'unverified',
  'org-type': 'orgType',
}

export const meta: MetaFunction = () => [{ title: '创建众创空间 · 众创 Zhongchuang' }]

export default function NewSpacePage() {
  const { t } = useTranslation('spaces')
  const { org, denial } = useLoaderData<typeof loader>()
  if (denial || !org) {
    const reason = denialKeys[denial ?? 'person']
    return (
      <div className="mx-auto max-w-2xl">
        <PageTitle>{t('new.title')}</PageTitle>
        <Card>
          <Notice tone="warning">
            <p className="font-medium">
              {t(`new.denied.${reason}.title`, { org: org?.name ?? '' })}
            </p>
            <p className="mt-1">{t(`new.denied.${reason}.body`, { org: org?.name ?? '' })}</p>
          </Notice>
          <div className="mt-4 flex flex-wrap gap-4 text-sm">
            {org ? (
              <Link to={`/orgs/${org.slug}`}>{t('new.denied.orgLink', { org: org.name })}</Link>
            ) : null}
            <Link to="/spaces">{t('new.denied.back')}</Link>
          </div>
        </Card>
      </div>
    )
  }
  return <CreateSpaceForm orgName={org.name} />
}

function CreateSpaceForm({ orgName }: { orgName: string }) {
  const { t } = useTranslation('spaces')
  const { t: tm } = useTranslation('moderation')
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    validation: checks(() => import('~/domains/spaces/spaces.schema.ts'), 'CreateSpaceSchema'),
  })
  const selected = (fields.segments.value as string[] | string | undefined) ?? []
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle sub={t('new.sub', { org: orgName })}>{t('new.title')}</PageTitle>
      <Card>
        <Form method="post" {...getFormProps(form)} className="space-y-5">
          <FormErrors errors={form.errors} />
          <Field label={t('fields.name')} field={fields.name} />
          <Field label={t('fields.nameEn')} field={fields.nameEn} hint={t('hints.optional')} />
          <Field
            label={t('fields.slug')}
            field={fields.slug}
            hint={t('hints.slug')}
            autoComplete="off"
          />
          <SegmentPicker
            name="segments"
            legend={t('fields.segments')}
            hint={t('hints.segments')}
            selected={Array.isArray(selected) ? selected : [selected]}
            errors={fields.segments.errors}
            errorId={fields.segments.errorId}
          />
          <Field label={t('fields.city')} field={fields.city} hint={t('hints.city')} />
          <div className="grid gap-5 sm:grid-cols-2">
            <SelectField
              label={t('fields.kind')}
              field={fields.kind}
              placeholder={t('fields.choose')}
              options={spaceKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            />
            <SelectField
              label={t('fields.filing')}
              field={fields.filing}
              placeholder={t('fields.choose')}
              options={filingStatuses.map((f) => ({ value: f, label: t(`filing.${f}`) }))}
            />
          </div>
          <Field
            label={tm('filing.reference')}
            field={fields.filingReference}
            hint={tm('filing.referenceHint')}
          />
          <TextareaField
            label={t('fields.description')}
            field={fields.description}
            hint={t('hints.description')}
          />
          <TextareaField
            label={t('fields.services')}
            field={fields.services}
            hint={t('hints.services')}
          />
          <Button
            type="submit"
            className="w-full sm:w-auto"
            disabled={navigation.state === 'submitting'}
          >
            {t('new.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
