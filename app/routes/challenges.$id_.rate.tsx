// POST /challenges/:id/rate: one side of a completed challenge rates the other (the rating card
// on the work page posts here). Success goes back to the work page; a refusal comes back as
// Conform's reply when the form's script runs, or, without it, as a redirect to the work page
// with the error in the URL.
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { RATE_ERROR_PARAM } from '~/components/challenges/challenge-wrap-up.tsx'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { loadWorkspace } from '~/domains/challenges/work-view.server.ts'
import { RateSchema } from '~/domains/challenges/ratings.schema.ts'
import { rateCounterpart } from '~/domains/challenges/ratings.server.ts'
import { replyWithError } from '~/domains/web/request.server.ts'

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const key = params.id ?? ''
  // Whoever may not see it learns nothing, whatever they post (docs/decisions/0021).
  if (!(await loadWorkspace(key, auth.user.id))) throw notFound()
  const formData = await request.formData()
  const scripted = formData.get('js') === '1'
  const submission = parseWithZod(formData, { schema: RateSchema })
  const workPage = `/challenges/${encodeURIComponent(key)}/work`
  const sendBack = (error: string) =>
    redirect(`${workPage}?${RATE_ERROR_PARAM}=${encodeURIComponent(error)}#rating`)

  if (submission.status !== 'success') {
    if (scripted) return Response.json({ result: submission.reply() }, { status: 400 })
    return sendBack(Object.values(submission.error ?? {}).flat()[0] ?? 'reputation:errors.rating')
  }
  try {
    await rateCounterpart({
      challengeKey: key,
      userId: auth.user.id,
      rating: submission.value.rating,
      body: submission.value.body,
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    if (scripted) return Response.json({ result }, { status })
    return sendBack(Object.values(result.error ?? {}).flat()[0] ?? 'common:errors.serverError')
  }
  return redirect(`${workPage}#rating`)
}
