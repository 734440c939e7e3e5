// /challenges/:id: a challenge's public page. The public summary, award, deadlines, terms and
// poster are for everyone; for an NDA challenge the details, confidential attachments and Q&A
// reach only the poster's members and those who accepted its NDA, and are otherwise absent from
// the HTML and the loader's data altogether. Eligible people ask; the poster answers once.
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
  useLocation,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { AwardText, TimeLeft } from '~/components/challenge-facts.tsx'
import { Button, Card, FormErrors, Notice, translateError } from '~/components/ui/form.tsx'
import { actingParty, getAuth, notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { challengeFor, eligibilityRefusal } from '~/domains/challenges/challenge-access.server.ts'
import { AnswerSchema, QuestionSchema } from '~/domains/challenges/challenge-form.schema.ts'
import {
  posterOrg,
  spaceNames,
  uploadsNamed,
} from '~/domains/challenges/challenge-queries.server.ts'
import {
  answerQuestion,
  askQuestion,
  questionsOf,
} from '~/domains/challenges/challenge-questions.server.ts'
import { acceptNda } from '~/domains/challenges/nda.server.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { now } from '~/clock.server.ts'
import { HoldBanner } from '~/components/hold-banner.tsx'
import { holdForReader } from '~/domains/moderation/holds.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { TypeMentions } from '~/components/type-mentions.tsx'
import { challengeTypes } from '../../search/kinds/challenge.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const userId = auth?.user.id ?? null
  const found = await challengeFor(params.id ?? '', userId)
  if (!found) throw notFound()
  const { challenge: c, detailsVisible, actsForPoster, isPosterMember, nda } = found
  const org = await posterOrg(c.orgId)
  if (!org) throw notFound()
  const hold = await holdForReader(
    'challenge',
    c.id,
    isPosterMember || adminRolesAllow(auth?.adminRoles ?? [], 'view:admin:any'),
  )
  const refusal =
    auth && !isPosterMember ? await eligibilityRefusal(db(), c, actingParty(auth)) : null
  return {
    hold,
    challenge: {
      id: c.id,
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      status: c.status,
      version: c.version,
      type: c.type,
      solicitation: c.solicitation,
      awardMode: c.awardMode,
      awardMin: c.awardMode === 'fixed' ? c.awardFen : c.budgetMinFen,
      awardMax: c.awardMode === 'fixed' ? c.awardFen : c.budgetMaxFen,
      bidDeadline: c.bidDeadline.toISOString(),
      awardDeadline: c.awardDeadline.toISOString(),
      deliveryDeadline: c.deliveryDeadline.toISOString(),
      secondsLeft: Math.floor((c.bidDeadline.getTime() - now().getTime()) / 1000),
      ipTerms: c.ipTerms,
      confidentiality: c.confidentiality,
      eligibility: c.eligibility,
      eligibleSegments: c.eligibleSegments,
      segments: c.segments,
    },
    // The same types search files it under, so the line and the index agree.
    types: challengeTypes(c).map((t) => ({ id: t.id, zh: t.zh, en: t.en })),
    eligibleSpaces: await spaceNames(c.eligibleSpaceIds),
    org,
    attachments: await uploadsNamed(c.attachmentUploadIds),
    // Only what this reader may read: otherwise null, so it is not in the page's data at all.
    confidential: detailsVisible
      ? {
          details: c.details,
          attachments: await uploadsNamed(c.confidentialUploadIds),
          questions: (await questionsOf(c.id, actsForPoster, userId)).map((q) => ({
            ...q,
            createdAt: q.createdAt.toISOString(),
          })),
        }
      : null,
    ndaForm:
      !detailsVisible && nda
        ? { id: nda.id, title: nda.title, body: nda.body, version: nda.version }
        : null,
    viewer: {
      signedIn: auth !== null,
      actsForPoster,
      isPosterMember,
      refusal,
      canAsk: auth !== null && !isPosterMember && refusal === null && detailsVisible,
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const found = await challengeFor(params.id ?? '', auth.user.id)
  if (!found) throw notFound()
  const c = found.challenge
  const formData = await request.formData()
  const intent = formData.get('intent')
  const fail = (error: unknown) => {
    const { status, result } = replyWithError(
      { reply: (o) => ({ status: 'error', error: { '': o?.formErrors ?? [] } }) },
      error,
    )
    return Response.json({ intent, result }, { status })
  }
  try {
    if (intent === 'accept-nda') {
      await acceptNda({
        challengeId: c.id,
        userId: auth.user.id,
        ndaTextId: String(formData.get('ndaTextId') ?? ''),
        ip: clientIp(context),
      })
      return redirect(`/challenges/${c.slug}`)
    }
    if (intent === 'ask') {
      const submission = parseWithZod(formData, { schema: QuestionSchema })
      if (submission.status !== 'success') return { intent, result: submission.reply() }
      await askQuestion({
        challengeId: c.id,
        acting: actingParty(auth),
        question: submission.value.question,
      })
      return redirect(`/challenges/${c.slug}?asked=1#qa`)
    }
    if (intent === 'answer') {
      const submission = parseWithZod(formData, { schema: AnswerSchema })
      if (submission.status !== 'success') return { intent, result: submission.reply() }
      await answerQuestion({
        challengeId: c.id,
        questionId: submission.value.questionId,
        actorUserId: auth.user.id,
        answer: submission.value.answer,
      })
      return redirect(`/challenges/${c.slug}#qa`)
    }
  } catch (error) {
    return fail(error)
  }
  throw new Response('bad intent', { status: 400 })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.challenge.title ?? ''} · 创新挑战 · 众创 Zhongchuang` },
  { name: 'description', content: data?.challenge.summary.slice(0, 160) ?? '' },
]

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm font-medium text-slate-900">{children}</dd>
    </div>
  )
}

export default function ChallengePage() {
  const { t } = useTranslation('challenges')
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const location = useLocation()
  const [searchParams] = useSearchParams()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const { challenge: c, org, viewer } = data
  const errors = (actionData?.result?.error ?? {}) as Record<string, string[] | null>
  const formErrors = Object.values(errors).flatMap((e) => e ?? [])
  const busy = navigation.state === 'submitting'
  const open = c.status === 'open'
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <p className="text-sm">
        <Link to="/challenges">← {t('market.title')}</Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <span className="rounded-full bg-indigo-50 px-2 py-0.5 font-medium text-indigo-900 ring-1 ring-inset ring-indigo-200">
              {t(`type.${c.type}`)}
            </span>
            {c.solicitation === 'jiebang' ? (
              <span className="rounded-full bg-red-50 px-2 py-0.5 font-medium text-red-900 ring-1 ring-inset ring-red-200">
                {t('solicitation.jiebang')}
              </span>
            ) : null}
            {c.confidentiality === 'nda' ? (
              <span className="rounded-full bg-amber-50 px-2 py-0.5 font-medium text-amber-900 ring-1 ring-inset ring-amber-200">
                {t('confidentiality.ndaBadge')}
              </span>
            ) : null}
            <span className="rounded-full bg-slate-100 px-2 py-0.5 font-medium text-slate-700">
              {t(`status.${c.status}`)}
            </span>
          </div>
          <h1 className="mt-2 text-2xl font-bold text-slate-900">{c.title}</h1>
          <div className="mt-3">
            <HoldBanner hold={data.hold} kind="challenge" />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {t('page.postedBy')} <Link to={`/orgs/${org.slug}`}>{org.name}</Link> · {org.city}
          </p>
        </div>
        <div className="flex flex-col items-stretch gap-2 sm:items-end">
          {viewer.actsForPoster ? (
            <Link
              to={`/challenges/${c.slug}/edit`}
              className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 hover:no-underline"
            >
              {t('page.edit')}
            </Link>
          ) : open ? (
            <Link
              to={`/challenges/${c.slug}/bid`}
              className="inline-flex items-center justify-center rounded-md bg-brand-600 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-700 hover:no-underline"
            >
              {c.solicitation === 'jiebang' ? t('page.apply') : t('page.bid')}
            </Link>
          ) : null}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <h2 className="text-base font-semibold">{t('page.summary')}</h2>
            <p className="mt-2 whitespace-pre-line text-sm text-slate-800">{c.summary}</p>
            <TypeMentions types={data.types} className="mt-3" />
            {data.attachments.length > 0 ? (
              <ul className="mt-3 space-y-1 text-sm">
                {data.attachments.map((a) => (
                  <li key={a.id}>
                    📎 <a href={`/uploads/${a.id}`}>{a.name}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>

          {data.confidential ? (
            <Card>
              <h2 className="text-base font-semibold">{t('page.details')}</h2>
              {data.confidential.details ? (
                <p className="mt-2 whitespace-pre-line text-sm text-slate-800">
                  {data.confidential.details}
                </p>
              ) : (
                <p className="mt-2 text-sm text-slate-500">{t('page.noDetails')}</p>
              )}
              {data.confidential.attachments.length > 0 ? (
                <>
                  <h3 className="mt-4 text-sm font-semibold">
                    {t('page.confidentialAttachments')}
                  </h3>
                  <ul className="mt-1 space-y-1 text-sm">
                    {data.confidential.attachments.map((a) => (
                      <li key={a.id}>
                        🔒 <a href={`/uploads/${a.id}`}>{a.name}</a>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </Card>
          ) : (
            <Card>
              <h2 className="text-base font-semibold">{t('page.details')}</h2>
              <div className="mt-2">
                <Notice tone="warning">{t('page.ndaGated')}</Notice>
              </div>
              {data.ndaForm && viewer.signedIn ? (
                <Form method="post" className="mt-4 space-y-3">
                  <h3 className="text-sm font-semibold">
                    {t('page.ndaTitle', {
                      title: data.ndaForm.title,
                      version: data.ndaForm.version,
                    })}
                  </h3>
                  <div className="max-h-64 overflow-y-auto whitespace-pre-line rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800">
                    {data.ndaForm.body}
                  </div>
                  <input type="hidden" name="ndaTextId" value={data.ndaForm.id} />
                  {actionData?.intent === 'accept-nda' ? <FormErrors errors={formErrors} /> : null}
                  <Button type="submit" name="intent" value="accept-nda" disabled={busy}>
                    {t('page.acceptNda')}
                  </Button>
                  <p className="text-xs text-slate-500">{t('page.ndaRecorded')}</p>
                </Form>
              ) : (
                <p className="mt-3 text-sm">
                  <Link to={`/login?redirectTo=${encodeURIComponent(`/challenges/${c.slug}`)}`}>
                    {t('page.signInForNda')}
                  </Link>
                </p>
              )}
            </Card>
          )}

          <Card>
            <h2 id="qa" className="text-base font-semibold">
              {t('qa.title')}
            </h2>
            {data.confidential ? (
              <>
                {data.confidential.questions.length === 0 ? (
                  <p className="mt-2 text-sm text-slate-500">{t('qa.none')}</p>
                ) : (
                  <ol className="mt-3 space-y-4">
                    {data.confidential.questions.map((q) => (
                      <li key={q.id} className="border-l-2 border-slate-200 pl-3 text-sm">
                        <p className="font-medium text-slate-900">
                          {t('qa.q')} {q.question}
                        </p>
                        {q.answer ? (
                          <p className="mt-1 whitespace-pre-line text-slate-700">
                            {t('qa.a')} {q.answer}
                          </p>
                        ) : viewer.actsForPoster ? (
                          <Form method="post" className="mt-2 space-y-2">
                            <input type="hidden" name="questionId" value={q.id} />
                            <label className="sr-only" htmlFor={`answer-${q.id}`}>
                              {t('qa.answerLabel')}
                            </label>
                            <textarea
                              id={`answer-${q.id}`}
                              name="answer"
                              rows={2}
                              required
                              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                            />
                            <Button type="submit" name="intent" value="answer" disabled={busy}>
                              {t('qa.answer')}
                            </Button>
                          </Form>
                        ) : (
                          <p className="mt-1 text-slate-500">{t('qa.awaiting')}</p>
                        )}
                      </li>
                    ))}
                  </ol>
                )}
                {actionData && actionData.intent !== 'accept-nda' ? (
                  <div className="mt-3">
                    <FormErrors errors={formErrors} />
                  </div>
                ) : null}
                {searchParams.get('asked') ? (
                  <div className="mt-3">
                    <Notice tone="success">{t('qa.asked')}</Notice>
                  </div>
                ) : null}
                {viewer.canAsk && open ? (
                  // Keyed by the visit: after asking, the form comes back empty.
                  <Form key={location.key} method="post" className="mt-4 space-y-2">
                    <label htmlFor="question" className="block text-sm font-medium text-slate-800">
                      {t('qa.askLabel')}
                    </label>
                    <textarea
                      id="question"
                      name="question"
                      rows={3}
                      required
                      className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                    />
                    <p className="text-xs text-slate-500">{t('qa.askHint')}</p>
                    <Button type="submit" name="intent" value="ask" disabled={busy}>
                      {t('qa.ask')}
                    </Button>
                  </Form>
                ) : !viewer.signedIn && open ? (
                  <p className="mt-3 text-sm">
                    <Link to={`/login?redirectTo=${encodeURIComponent(`/challenges/${c.slug}`)}`}>
                      {t('qa.signIn')}
                    </Link>
                  </p>
                ) : viewer.refusal ? (
                  <p className="mt-3 text-sm text-slate-600">{translateError(t, viewer.refusal)}</p>
                ) : null}
              </>
            ) : (
              <p className="mt-2 text-sm text-slate-600">{t('qa.behindNda')}</p>
            )}
          </Card>
        </div>

        <aside className="space-y-4">
          <Card>
            <dl className="space-y-3">
              <Fact label={t('page.award')}>
                <AwardText mode={c.awardMode} min={c.awardMin} max={c.awardMax} lng={lng} plain />
              </Fact>
              <Fact label={t('fields.bidDeadline')}>
                {formatDateTime(c.bidDeadline, lng)}
                <span className="block text-xs font-normal text-amber-800">
                  <TimeLeft seconds={c.secondsLeft} />
                </span>
              </Fact>
              <Fact label={t('fields.awardDeadline')}>{formatDateTime(c.awardDeadline, lng)}</Fact>
              <Fact label={t('fields.deliveryDeadline')}>
                {formatDateTime(c.deliveryDeadline, lng)}
              </Fact>
              <Fact label={t('fields.ipTerms')}>{t(`ip.${c.ipTerms}`)}</Fact>
              <Fact label={t('fields.eligibility')}>
                {t(`eligibility.${c.eligibility}`)}
                {c.eligibility === 'space_members' && data.eligibleSpaces.length > 0 ? (
                  <span className="block text-xs font-normal text-slate-600">
                    {data.eligibleSpaces.map((s) => s.name).join('、')}
                  </span>
                ) : null}
                {c.eligibility === 'segments' ? (
                  <span className="block text-xs font-normal text-slate-600">
                    {c.eligibleSegments.map((s) => segmentName(s, lng)).join('、')}
                  </span>
                ) : null}
              </Fact>
              <Fact label={t('fields.segments')}>
                {c.segments.map((s) => segmentName(s, lng)).join('、')}
              </Fact>
              {c.version > 1 ? (
                <Fact label={t('page.version')}>{t('edit.version', { version: c.version })}</Fact>
              ) : null}
            </dl>
          </Card>
        </aside>
      </div>
    </div>
  )
}
