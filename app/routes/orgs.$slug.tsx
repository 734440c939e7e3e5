// An organisation's page: public profile for everyone; for its members the verification state
// (with a rejection's reason), members, invitations and roles.
import { getFormProps } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { organisations, orgInvitations, orgMembers, users } from '../../db/schema/index.ts'
import { OrgReputation } from '~/components/challenges/reputation.tsx'
import { Button, Card, Field, FormErrors, Notice, SelectField } from '~/components/ui/form.tsx'
import {
  getAuth,
  membershipOf,
  requireOrgPermission,
  requireMember,
} from '~/domains/accounts/auth.server.ts'
import { orgRoleAllows } from '~/domains/accounts/permissions.ts'
import { reputationOf } from '~/domains/challenges/ratings.server.ts'
import { transitionOrg } from '~/domains/orgs/decide-verification.server.ts'
import {
  changeRole,
  inviteMember,
  leaveOrg,
  removeMember,
  revokeInvitation,
  transferOwnership,
} from '~/domains/orgs/members.server.ts'
import { orgRoles, type OrgRole } from '~/domains/orgs/org.schema.ts'
import { InviteSchema } from '~/domains/orgs/orgs.schema.ts'
import { orgMemberBadges } from '~/domains/spaces/member-badges.server.ts'
import { MemberBadges } from '~/components/member-badge.tsx'
import { segmentName } from '~/domains/spaces/segments.ts'
import { UserError } from '~/domains/problems.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDate } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const org = await db()
    .select()
    .from(organisations)
    .where(eq(organisations.slug, params.slug ?? ''))
    .then((r) => r[0])
  if (!org) throw new Response('not found', { status: 404 })
  const auth = await getAuth(request)
  const me = auth ? membershipOf(auth, org.id) : undefined
  const [spaces, members, invitations, reputation] = await Promise.all([
    orgMemberBadges(org.id),
    me
      ? db()
          .select({
            id: orgMembers.id,
            role: orgMembers.role,
            joinedAt: orgMembers.joinedAt,
            name: users.name,
            email: users.email,
            userId: users.id,
          })
          .from(orgMembers)
          .innerJoin(users, eq(users.id, orgMembers.userId))
          .where(and(eq(orgMembers.orgId, org.id), isNull(orgMembers.leftAt)))
          .orderBy(asc(orgMembers.joinedAt))
      : Promise.resolve([]),
    me && orgRoleAllows(me.role, 'invite:member:own')
      ? db()
          .select({
            id: orgInvitations.id,
            email: orgInvitations.email,
            role: orgInvitations.role,
            expiresAt: orgInvitations.expiresAt,
          })
          .from(orgInvitations)
          .where(
            and(
              eq(orgInvitations.orgId, org.id),
              isNull(orgInvitations.acceptedAt),
              isNull(orgInvitations.revokedAt),
            ),
          )
      : Promise.resolve([]),
    reputationOf({ orgId: org.id }),
  ])
  return {
    reputation,
    org: {
      id: org.id,
      slug: org.slug,
      name: org.name,
      nameEn: org.nameEn,
      type: org.type,
      city: org.city,
      segments: org.segments,
      description: org.description,
      status: org.status,
      uscc: org.uscc,
      rejectionReason: me ? org.rejectionReason : null,
    },
    spaces,
    me: me ? { role: me.role, userId: auth?.user.id ?? '' } : null,
    members: members.map((m) => ({
      ...m,
      email: me && orgRoleAllows(me.role, 'manage:org:own') ? m.email : null,
    })),
    invitations,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const org = await db()
    .select()
    .from(organisations)
    .where(eq(organisations.slug, params.slug ?? ''))
    .then((r) => r[0])
  if (!org) throw new Response('not found', { status: 404 })
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const ip = clientIp(context)
  const back = (done: string) => redirect(`/orgs/${org.slug}?done=${done}`)
  if (intent === 'invite') {
    const { auth, membership } = await requireOrgPermission(request, org.id, 'invite:member:own')
    const submission = parseWithZod(formData, { schema: InviteSchema })
    if (submission.status !== 'success') return { result: submission.reply() }
    try {
      await inviteMember({
        orgId: org.id,
        inviterUserId: auth.user.id,
        inviterName: auth.user.name,
        inviterRole: membership.role,
        email: submission.value.email,
        role: submission.value.role,
        lng: await requestLanguage(request),
        ip,
      })
      return back('invited')
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json({ result }, { status })
    }
  }
  try {
    if (intent === 'leave') {
      const auth = await requireMember(request)
      await leaveOrg({ orgId: org.id, userId: auth.user.id, ip })
      return redirect('/dashboard?done=left')
    }
    if (intent === 'resubmit') {
      const { auth } = await requireOrgPermission(request, org.id, 'manage:org:own')
      await transitionOrg({
        orgId: org.id,
        action: 'resubmit',
        actorUserId: auth.user.id,
        actorRoles: ['org-admin'],
        ip,
      })
      return back('resubmitted')
    }
    const memberId = String(formData.get('memberId') ?? '')
    if (intent === 'role') {
      const { auth, membership } = await requireOrgPermission(request, org.id, 'manage:org:own')
      const role = String(formData.get('role')) as OrgRole
      if (!orgRoles.includes(role)) throw new UserError('orgs:errors.notMember')
      await changeRole({
        orgId: org.id,
        actorUserId: auth.user.id,
        actorRole: membership.role,
        memberId,
        role,
        ip,
      })
      return back('role')
    }
    if (intent === 'remove') {
      const { auth, membership } = await requireOrgPermission(request, org.id, 'manage:org:own')
      await removeMember({
        orgId: org.id,
        actorUserId: auth.user.id,
        actorRole: membership.role,
        memberId,
        ip,
      })
      return back('removed')
    }
    if (intent === 'transfer') {
      const { auth } = await requireOrgPermission(request, org.id, 'transfer:ownership:own')
      await transferOwnership({ orgId: org.id, ownerUserId: auth.user.id, memberId, ip })
      return back('transferred')
    }
    if (intent === 'revoke') {
      const { auth } = await requireOrgPermission(request, org.id, 'invite:member:own')
      await revokeInvitation({
        orgId: org.id,
        invitationId: String(formData.get('invitationId') ?? ''),
        actorUserId: auth.user.id,
      })
      return back('revoked')
    }
  } catch (error) {
    if (error instanceof UserError)
      return Response.json({ result: undefined, error: error.messageKey }, { status: 400 })
    throw error
  }
  throw new Response('bad intent', { status: 400 })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.org.name ?? ''} · 众创 Zhongchuang` },
]

const statusTone = {
  pending: 'warning',
  verified: 'success',
  rejected: 'error',
  suspended: 'error',
} as const

export default function OrgPage() {
  const { t } = useTranslation('orgs')
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const root = useRootData()
  const lng = root?.locale ?? 'zh-CN'
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  const { org, me } = data
  const canManage = me ? orgRoleAllows(me.role, 'manage:org:own') : false
  const canInvite = me ? orgRoleAllows(me.role, 'invite:member:own') : false
  const isOwner = me?.role === 'owner'
  const [form, fields] = useForm({
    lastResult: actionData && 'result' in actionData ? actionData.result : undefined,
    validation: checks(() => import('~/domains/orgs/orgs.schema.ts'), 'InviteSchema'),
    defaultValue: { role: 'member' },
  })
  const error = actionData && 'error' in actionData ? actionData.error : null
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            {t(`types.${org.type}`)} · {org.city}
          </p>
          <h1 className="text-2xl font-bold">
            {lng === 'en' && org.nameEn ? org.nameEn : org.name}
          </h1>
          {lng === 'en' && org.nameEn ? <p className="text-slate-600">{org.name}</p> : null}
          <p className="mt-1 text-sm text-slate-600">
            {t('fields.uscc')}: <span className="font-mono">{org.uscc}</span>
          </p>
        </div>
        <span
          className={`rounded-full px-3 py-1 text-sm font-medium ${org.status === 'verified' ? 'bg-green-100 text-green-900' : org.status === 'pending' ? 'bg-amber-100 text-amber-900' : 'bg-red-100 text-red-900'}`}
        >
          {t(`status.${org.status}`)}
        </span>
      </div>
      {done ? <Notice tone="success">{t(`done.${done}`)}</Notice> : null}
      {error ? <Notice tone="error">{t(error)}</Notice> : null}
      {me && org.status !== 'verified' ? (
        <Notice tone={statusTone[org.status]}>
          {t(`statusHelp.${org.status}`)}
          {org.rejectionReason ? (
            <span className="mt-1 block">
              {t('rejectionReason')}: {org.rejectionReason}
            </span>
          ) : null}
          {org.status === 'rejected' && canManage ? (
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="resubmit" />
              <Button type="submit" variant="secondary">
                {t('resubmit')}
              </Button>
            </Form>
          ) : null}
        </Notice>
      ) : null}
      <Card>
        <h2 className="text-lg font-semibold">{t('about')}</h2>
        {org.description ? (
          <p className="mt-2 whitespace-pre-line text-slate-700">{org.description}</p>
        ) : null}
        <ul className="mt-3 flex flex-wrap gap-2">
          {org.segments.map((s) => (
            <li key={s} className="rounded-full bg-brand-50 px-3 py-1 text-xs text-brand-800">
              {segmentName(s, lng)}
            </li>
          ))}
        </ul>
        {data.spaces.length > 0 ? (
          <p className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span>{t('inSpaces')}:</span>
            <MemberBadges badges={data.spaces} />
          </p>
        ) : null}
      </Card>
      <OrgReputation rep={data.reputation} />
      {me ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('members.title')}</h2>
          <div className="relative mt-3 overflow-x-auto">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-2">{t('members.name')}</th>
                  <th>{t('members.role')}</th>
                  <th>{t('members.since')}</th>
                  <th>
                    <span className="sr-only">{t('members.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.members.map((m) => (
                  <tr key={m.id} className="border-t border-slate-100">
                    <td className="py-2">
                      {m.name}
                      {m.email ? (
                        <span className="block text-xs text-slate-500">{m.email}</span>
                      ) : null}
                    </td>
                    <td>
                      {canManage && m.userId !== me.userId && (isOwner || m.role !== 'owner') ? (
                        <Form method="post" className="flex items-center gap-1">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="memberId" value={m.id} />
                          <label className="sr-only" htmlFor={`role-${m.id}`}>
                            {t('members.role')}
                          </label>
                          <select
                            id={`role-${m.id}`}
                            name="role"
                            defaultValue={m.role}
                            className="rounded border border-slate-300 px-1 py-1 text-sm"
                          >
                            {orgRoles
                              .filter((r) => isOwner || r !== 'owner')
                              .map((r) => (
                                <option key={r} value={r}>
                                  {t(`roles.${r}`)}
                                </option>
                              ))}
                          </select>
                          <button className="text-xs text-brand-700 underline">
                            {t('members.save')}
                          </button>
                        </Form>
                      ) : (
                        t(`roles.${m.role}`)
                      )}
                    </td>
                    <td>{formatDate(m.joinedAt, lng)}</td>
                    <td className="space-x-2 text-right">
                      {isOwner && m.userId !== me.userId ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="transfer" />
                          <input type="hidden" name="memberId" value={m.id} />
                          <button className="text-xs text-brand-700 underline">
                            {t('members.transfer')}
                          </button>
                        </Form>
                      ) : null}
                      {canManage && m.userId !== me.userId && (isOwner || m.role !== 'owner') ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="memberId" value={m.id} />
                          <button className="text-xs text-red-700 underline">
                            {t('members.remove')}
                          </button>
                        </Form>
                      ) : null}
                      {m.userId === me.userId ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="leave" />
                          <button className="text-xs text-red-700 underline">
                            {t('members.leave')}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canInvite ? (
            <div className="mt-6 border-t border-slate-100 pt-4">
              <h3 className="font-semibold">{t('invite.title')}</h3>
              <Form
                method="post"
                {...getFormProps(form)}
                className="mt-3 grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
              >
                <input type="hidden" name="intent" value="invite" />
                <div className="sm:col-span-3">
                  <FormErrors errors={form.errors} />
                </div>
                <Field label={t('invite.email')} field={fields.email} type="email" />
                <SelectField
                  label={t('members.role')}
                  field={fields.role}
                  options={orgRoles
                    .filter((r) => isOwner || r !== 'owner')
                    .map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                />
                <Button type="submit">{t('invite.submit')}</Button>
              </Form>
              {data.invitations.length > 0 ? (
                <ul className="mt-4 space-y-2 text-sm">
                  {data.invitations.map((i) => (
                    <li
                      key={i.id}
                      className="flex flex-wrap items-center justify-between gap-2 rounded bg-slate-50 px-3 py-2"
                    >
                      <span>
                        {i.email} · {t(`roles.${i.role}`)} ·{' '}
                        {t('invite.until', { date: formatDate(i.expiresAt, lng) })}
                      </span>
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="invitationId" value={i.id} />
                        <button className="text-xs text-red-700 underline">
                          {t('invite.revoke')}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  )
}
