// Create or edit the investor profile of the party this session acts for: the person, or an
// investment firm the person owns or administers. Thesis, portfolio, visibility, an optional
// annual limit and the contacts that are shared only after an accepted intro.
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
import { SegmentPicker } from '~/components/segment-picker.tsx'
import {
  Button,
  Card,
  ErrorList,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { FormSection, RowInput } from '~/components/deal-form-parts.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { profileVisibilities, startupStages } from '~/domains/deals/deals.schema.ts'
import { InvestorProfileSchema } from '~/domains/deals/investor-profile.schema.ts'
import { MAX_PORTFOLIO } from '~/domains/deals/deals.schema.ts'
import {
  investorFormDefaults,
  investorSubject,
  profileOfSubject,
  saveInvestorProfile,
} from '~/domains/deals/investor-profile.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const subject = investorSubject(auth)
  const profile = await profileOfSubject(subject)
  return {
    subject: { kind: subject.kind, name: subject.name },
    profileId: profile?.id ?? null,
    defaults: investorFormDefaults(profile, subject),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const subject = investorSubject(auth)
  const submission = parseWithZod(await request.formData(), { schema: InvestorProfileSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  try {
    await saveInvestorProfile({ auth, subject, values: submission.value, ip: clientIp(context) })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result }, { status })
  }
  return redirect('/investors/profile?done=saved')
}

export const meta: MetaFunction = () => [{ title: '投资人档案 · 众创 Zhongchuang' }]

type Shape = {
  displayName: string
  bio: string
  thesisSegments: string[]
  thesisStages: string[]
  ticketMinYuan: string
  ticketMaxYuan: string
  regions: string
  portfolio: { name?: string; year?: string; note?: string }[]
  visibility: string
  annualLimitYuan: string
  contactEmail: string
  contactPhone: string
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : v ? [str(v)] : []

export default function InvestorProfilePage() {
  const { t } = useTranslation('investors')
  const { subject, profileId, defaults } = useLoaderData<typeof loader>()
  // Responses with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as
    { result: SubmissionResult<string[]> } | undefined
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const [form, fields] = useForm<Shape>({
    lastResult: actionData?.result,
    defaultValue: defaults,
    validation: checks(
      () => import('~/domains/deals/investor-profile.schema.ts'),
      'InvestorProfileSchema',
    ),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const initial = (form.initialValue ?? {}) as Record<string, unknown>
  const portfolio = Array.isArray(initial.portfolio)
    ? (initial.portfolio as Record<string, unknown>[])
    : []
  const portfolioRows = Math.min(MAX_PORTFOLIO, Math.max(portfolio.length + 2, 3))
  const stages = list(initial.thesisStages)
  const visibility = str(initial.visibility) || 'public'
  const errorsAt = (name: string) => form.allErrors[name]
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle
        sub={
          subject.kind === 'institution'
            ? t('profile.forFirm', { name: subject.name })
            : t('profile.forPerson')
        }
      >
        {profileId ? t('profile.title') : t('profile.createTitle')}
      </PageTitle>
      {searchParams.get('done') === 'saved' ? (
        <Notice tone="success">{t('profile.saved')}</Notice>
      ) : null}
      {profileId ? (
        <p className="flex flex-wrap gap-4 text-sm">
          <Link to={`/investors/${profileId}`}>{t('profile.viewPublic')}</Link>
          <Link to="/investors/verification">{t('profile.verification')}</Link>
        </p>
      ) : (
        <Notice tone="info">{t('profile.createHint')}</Notice>
      )}
      <Card>
        <Form method="post" {...getFormProps(form)} className="space-y-8">
          <FormErrors errors={form.errors} />
          <FormSection title={t('profile.sections.about')}>
            <Field label={t('fields.displayName')} field={fields.displayName} />
            <TextareaField label={t('fields.bio')} field={fields.bio} hint={t('hints.bio')} />
          </FormSection>

          <FormSection title={t('profile.sections.thesis')} hint={t('hints.thesis')}>
            <SegmentPicker
              name={fields.thesisSegments.name}
              legend={t('fields.thesisSegments')}
              selected={list(initial.thesisSegments)}
              errors={fields.thesisSegments.errors}
              errorId={fields.thesisSegments.errorId}
            />
            <fieldset>
              <legend className="block text-sm font-medium text-slate-800">
                {t('fields.thesisStages')}
              </legend>
              <div className="mt-2 flex flex-wrap gap-4">
                {startupStages.map((s) => (
                  <label key={s} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name={fields.thesisStages.name}
                      value={s}
                      defaultChecked={stages.includes(s)}
                    />
                    {t(`stage.${s}`)}
                  </label>
                ))}
              </div>
              <ErrorList errors={fields.thesisStages.errors} />
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label={t('fields.ticketMinYuan')}
                field={fields.ticketMinYuan}
                inputMode="numeric"
              />
              <Field
                label={t('fields.ticketMaxYuan')}
                field={fields.ticketMaxYuan}
                inputMode="numeric"
              />
            </div>
            <Field label={t('fields.regions')} field={fields.regions} hint={t('hints.regions')} />
          </FormSection>

          <FormSection title={t('profile.sections.portfolio')} hint={t('hints.portfolio')}>
            {Array.from({ length: portfolioRows }, (_, i) => {
              const row = portfolio[i] ?? {}
              return (
                <div key={i} className="grid gap-3 sm:grid-cols-[2fr_1fr_3fr]">
                  <RowInput
                    name={`portfolio[${i}].name`}
                    label={t('fields.portfolioName', { n: i + 1 })}
                    value={str(row.name)}
                    errors={errorsAt(`portfolio[${i}].name`)}
                  />
                  <RowInput
                    name={`portfolio[${i}].year`}
                    label={t('fields.portfolioYear')}
                    value={str(row.year)}
                    errors={errorsAt(`portfolio[${i}].year`)}
                    inputMode="numeric"
                  />
                  <RowInput
                    name={`portfolio[${i}].note`}
                    label={t('fields.portfolioNote')}
                    value={str(row.note)}
                    errors={errorsAt(`portfolio[${i}].note`)}
                  />
                </div>
              )
            })}
          </FormSection>

          <FormSection title={t('profile.sections.visibility')}>
            <fieldset>
              <legend className="sr-only">{t('fields.visibility')}</legend>
              <div className="space-y-2">
                {profileVisibilities.map((v) => (
                  <label key={v} className="flex items-start gap-2 text-sm">
                    <input
                      type="radio"
                      name={fields.visibility.name}
                      value={v}
                      defaultChecked={visibility === v}
                      className="mt-1"
                    />
                    <span>
                      {t(`visibility.${v}`)}
                      <span className="block text-xs text-slate-500">
                        {t(`visibilityHint.${v}`)}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <Field
              label={t('fields.annualLimitYuan')}
              field={fields.annualLimitYuan}
              inputMode="numeric"
              hint={t('hints.annualLimit')}
            />
          </FormSection>

          <FormSection title={t('profile.sections.contacts')} hint={t('hints.contacts')}>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label={t('fields.contactEmail')}
                field={fields.contactEmail}
                type="email"
                autoComplete="email"
              />
              <Field
                label={t('fields.contactPhone')}
                field={fields.contactPhone}
                type="tel"
                autoComplete="tel"
              />
            </div>
          </FormSection>

          <div className="border-t border-slate-200 pt-5">
            <Button type="submit" disabled={navigation.state === 'submitting'}>
              {t('profile.save')}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  )
}
