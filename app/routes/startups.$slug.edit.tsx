// Create or edit a startup's fundraising profile. Owners and admins of a verified startup
// organisation only (raise:money:own); anyone outside the organisation gets 404, so the page
// does not confirm which organisations exist. Segments and city are the organisation's own.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import {
  Button,
  Card,
  ErrorList,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  SelectField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { FormSection, RowInput } from '~/components/deal-form-parts.tsx'
import {
  membershipOf,
  notFound,
  requireMember,
  requireOrgPermission,
} from '~/domains/accounts/auth.server.ts'
import { companyForms, HOLDER_LIMIT, startupStages } from '~/domains/deals/deals.schema.ts'
import { filesOf, readMultipart } from '~/domains/uploads/multipart.server.ts'
import { StartupProfileSchema } from '~/domains/deals/startup-profile.schema.ts'
import { MAX_TEAM, MAX_TRACTION } from '~/domains/deals/deals.schema.ts'
import {
  checkLogo,
  saveStartupProfile,
  startupFormDefaults,
  startupOrgBySlug,
} from '~/domains/deals/startup-profile.server.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { uploadPurposes } from '~/domains/uploads/uploads.schema.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'

async function ownStartup(request: Request, slug: string) {
  const auth = await requireMember(request)
  const org = await startupOrgBySlug(db(), slug)
  if (!org || !membershipOf(auth, org.id)) throw notFound()
  await requireOrgPermission(request, org.id, 'raise:money:own')
  return { auth, org }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await ownStartup(request, params.slug ?? '')
  const [form, lng] = await Promise.all([startupFormDefaults(org.id), requestLanguage(request)])
  return {
    org: {
      slug: org.slug,
      name: org.name,
      city: org.city,
      segments: org.segments.map((s) => segmentName(s, lng)),
    },
    ...form,
  }
}

const logoTooLarge = (): SubmissionResult<string[]> => ({
  status: 'error',
  error: {
    logo: [
      `common:upload.tooLarge|${JSON.stringify({ mb: Math.round(uploadPurposes['startup-logo'].maxBytes / 1048576) })}`,
    ],
  },
})

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, org } = await ownStartup(request, params.slug ?? '')
  const formData = await readMultipart(request, uploadPurposes['startup-logo'].maxBytes)
  if (!formData) return Response.json({ result: logoTooLarge() }, { status: 413 })
  const submission = parseWithZod(formData, { schema: StartupProfileSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  try {
    const logo = await checkLogo(filesOf(formData, 'logo')[0] ?? null)
    await saveStartupProfile({
      orgId: org.id,
      actorUserId: auth.user.id,
      values: submission.value,
      logo,
      ip: clientIp(context),
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result }, { status })
  }
  return redirect(`/startups/${org.slug}/edit?done=saved`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.org.name ?? ''} · 融资档案 · 众创 Zhongchuang` },
]

type Shape = {
  oneLiner: string
  stage: string
  foundedOn: string
  team: { name?: string; role?: string; bio?: string }[]
  traction: { label?: string; value?: string }[]
  seekingYuan: string
  minTicketYuan: string
  companyForm: string
  existingHolders: string
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const rows = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : [])

export default function EditStartupPage() {
  const { t } = useTranslation('startups')
  const { org, defaults, exists, logoUploadId } = useLoaderData<typeof loader>()
  // Responses with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as
    { result: SubmissionResult<string[]> } | undefined
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const [form, fields] = useForm<Shape>({
    lastResult: actionData?.result,
    defaultValue: defaults,
    validation: checks(
      () => import('~/domains/deals/startup-profile.schema.ts'),
      'StartupProfileSchema',
    ),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const initial = (form.initialValue ?? {}) as Record<string, unknown>
  const team = rows<Record<string, unknown>>(initial.team)
  const traction = rows<Record<string, unknown>>(initial.traction)
  const teamRows = Math.min(MAX_TEAM, Math.max(team.length + 2, 3))
  const tractionRows = Math.min(MAX_TRACTION, Math.max(traction.length + 2, 3))
  const errorsAt = (name: string) => form.allErrors[name]
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to={`/startups/${org.slug}`}>← {t('edit.back')}</Link>
      </p>
      <PageTitle sub={t('edit.sub', { org: org.name })}>
        {exists ? t('edit.title') : t('edit.createTitle')}
      </PageTitle>
      {searchParams.get('done') === 'saved' ? (
        <Notice tone="success">
          {t('edit.saved')} <Link to={`/startups/${org.slug}`}>{t('edit.view')}</Link>
        </Notice>
      ) : null}
      <Card>
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          className="space-y-8"
        >
          <FormErrors errors={form.errors} />
          <FormSection title={t('edit.sections.basics')}>
            <Field
              label={t('fields.oneLiner')}
              field={fields.oneLiner}
              hint={t('hints.oneLiner')}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                label={t('fields.stage')}
                field={fields.stage}
                placeholder={t('edit.choose')}
                options={startupStages.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
              />
              <Field label={t('fields.foundedOn')} field={fields.foundedOn} type="date" />
            </div>
            <div className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">
              <p>
                <span className="font-medium">{t('fields.segments')}：</span>
                {org.segments.join('、') || '—'}
              </p>
              <p>
                <span className="font-medium">{t('fields.city')}：</span>
                {org.city}
              </p>
              <p className="mt-1 text-xs text-slate-500">
                {t('hints.fromOrg')} <Link to={`/orgs/${org.slug}`}>{t('edit.orgPage')}</Link>
              </p>
            </div>
            <div>
              <label
                htmlFor={`${form.id}-logo`}
                className="block text-sm font-medium text-slate-800"
              >
                {t('fields.logo')}
              </label>
              {logoUploadId ? (
                <div className="mt-1 flex items-center gap-3">
                  <img
                    src={`/uploads/${logoUploadId}`}
                    alt=""
                    className="h-12 w-12 rounded border border-slate-200 object-contain"
                  />
                  <label className="flex items-center gap-1 text-xs text-slate-600">
                    <input type="checkbox" name="removeLogo" value="on" />
                    {t('edit.removeLogo')}
                  </label>
                </div>
              ) : null}
              <input
                id={`${form.id}-logo`}
                type="file"
                name="logo"
                accept="image/png,image/jpeg,image/webp"
                className="mt-1 block w-full text-sm"
                aria-describedby={`${form.id}-logo-hint`}
              />
              <p id={`${form.id}-logo-hint`} className="mt-1 text-xs text-slate-500">
                {t('hints.logo')}
              </p>
              <ErrorList errors={errorsAt('logo')} />
            </div>
          </FormSection>

          <FormSection title={t('edit.sections.raising')} hint={t('hints.raising')}>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label={t('fields.seekingYuan')}
                field={fields.seekingYuan}
                inputMode="numeric"
              />
              <Field
                label={t('fields.minTicketYuan')}
                field={fields.minTicketYuan}
                inputMode="numeric"
              />
              <SelectField
                label={t('fields.companyForm')}
                field={fields.companyForm}
                options={companyForms.map((c) => ({
                  value: c,
                  label: `${t(`companyForm.${c}`)}（${t('hints.holderLimit', { limit: HOLDER_LIMIT[c] })}）`,
                }))}
              />
              <Field
                label={t('fields.existingHolders')}
                field={fields.existingHolders}
                type="number"
                hint={t('hints.existingHolders')}
              />
            </div>
          </FormSection>

          <FormSection title={t('edit.sections.team')} hint={t('hints.team')}>
            {Array.from({ length: teamRows }, (_, i) => {
              const row = team[i] ?? {}
              return (
                <fieldset
                  key={i}
                  className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2"
                >
                  <legend className="px-1 text-xs text-slate-500">
                    {t('edit.member', { n: i + 1 })}
                  </legend>
                  <RowInput
                    name={`team[${i}].name`}
                    label={t('fields.teamName')}
                    value={str(row.name)}
                    errors={errorsAt(`team[${i}].name`)}
                  />
                  <RowInput
                    name={`team[${i}].role`}
                    label={t('fields.teamRole')}
                    value={str(row.role)}
                    errors={errorsAt(`team[${i}].role`)}
                  />
                  <div className="sm:col-span-2">
                    <RowInput
                      name={`team[${i}].bio`}
                      label={t('fields.teamBio')}
                      value={str(row.bio)}
                      errors={errorsAt(`team[${i}].bio`)}
                    />
                  </div>
                </fieldset>
              )
            })}
          </FormSection>

          <FormSection title={t('edit.sections.traction')} hint={t('hints.traction')}>
            {Array.from({ length: tractionRows }, (_, i) => {
              const row = traction[i] ?? {}
              return (
                <div key={i} className="grid gap-3 sm:grid-cols-2">
                  <RowInput
                    name={`traction[${i}].label`}
                    label={t('fields.tractionLabel', { n: i + 1 })}
                    value={str(row.label)}
                    errors={errorsAt(`traction[${i}].label`)}
                  />
                  <RowInput
                    name={`traction[${i}].value`}
                    label={t('fields.tractionValue', { n: i + 1 })}
                    value={str(row.value)}
                    errors={errorsAt(`traction[${i}].value`)}
                  />
                </div>
              )
            })}
          </FormSection>

          <div className="border-t border-slate-200 pt-5">
            <Button type="submit" disabled={navigation.state === 'submitting'}>
              {t('edit.save')}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  )
}
