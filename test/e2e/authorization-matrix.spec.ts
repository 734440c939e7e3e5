// Every route × role and the answer it must give. A route file without a row here fails the
// test, so a new page cannot ship without deciding who may see it.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { demo, DEMO_PASSWORD } from './support.ts'

type Role = 'visitor' | 'member' | 'orgMember' | 'orgAdmin' | 'admin'
// 200 ok · 'login' redirect to log-in · other redirects by target · 403 · 404
type Answer = 200 | 403 | 404 | 'login' | `redirect:${string}`
type Row = { path: string | null; answers: Record<Role, Answer> | null; why?: string }

const all = (a: Answer): Record<Role, Answer> => ({
  visitor: a,
  member: a,
  orgMember: a,
  orgAdmin: a,
  admin: a,
})
const signedIn = (a: Answer): Record<Role, Answer> => ({
  visitor: 'login',
  member: a,
  orgMember: a,
  orgAdmin: a,
  admin: a,
})
const adminOnly: Record<Role, Answer> = {
  visitor: 'login',
  member: 403,
  orgMember: 403,
  orgAdmin: 403,
  admin: 200,
}
const guestOnly: Record<Role, Answer> = {
  visitor: 200,
  member: 'redirect:/dashboard',
  orgMember: 'redirect:/dashboard',
  orgAdmin: 'redirect:/dashboard',
  admin: 'redirect:/dashboard',
}

// Paths use the demo data seeded by `npm start`.
const matrix: Record<string, Row> = {
  '$.tsx': { path: '/no-such-page', answers: all(404) },
  '_index.tsx': { path: '/', answers: all(200) },
  'acting.tsx': {
    path: '/acting',
    answers: all('redirect:/dashboard'),
    why: 'POST-only; GET bounces',
  },
  'api.v1.search.ts': { path: '/api/v1/search?q=空间', answers: all(200) },
  'api.v1.openapi[.]json.ts': { path: '/api/v1/openapi.json', answers: all(200) },
  'admin._index.tsx': { path: '/admin', answers: adminOnly },
  'admin.audit.tsx': { path: '/admin/audit', answers: adminOnly },
  'admin.challenges.tsx': {
    path: '/admin/challenges',
    answers: adminOnly,
    why: 'finance admins see awards under way and may cancel one after funding',
  },
  'admin.claims.tsx': { path: '/admin/claims', answers: adminOnly },
  'admin.figures.tsx': { path: '/admin/figures', answers: adminOnly },
  'admin.figures[.]csv.ts': { path: '/admin/figures.csv', answers: adminOnly },
  'admin.disputes.tsx': {
    path: '/admin/disputes',
    answers: adminOnly,
    why: 'finance admins decide disputes over escrowed money',
  },
  'admin.jobs.tsx': { path: '/admin/jobs', answers: adminOnly },
  'admin.campaigns.tsx': {
    path: '/admin/campaigns',
    answers: adminOnly,
    why: 'verifiers of campaigns check closing documents, complete and withdraw (the demo admin holds every role)',
  },
  'admin.orgs.$id.tsx': { path: 'ADMIN_ORG', answers: adminOnly },
  'admin.orgs._index.tsx': { path: '/admin/orgs', answers: adminOnly },
  'admin.investors._index.tsx': {
    path: '/admin/investors',
    answers: adminOnly,
    why: 'verifiers decide 合格投资者 applications (the demo admin holds every admin role)',
  },
  'admin.investors.$id.tsx': {
    path: '/admin/investors/00000000-0000-4000-8000-000000000000',
    answers: { ...adminOnly, admin: 404 },
    why: 'verifiers only; the demo data has no application with this id',
  },
  'admin.investors.$id_.evidence.$fileId.ts': {
    path: '/admin/investors/00000000-0000-4000-8000-000000000000/evidence/00000000-0000-4000-8000-000000000001',
    answers: { ...adminOnly, admin: 404 },
    why: 'decrypted evidence for verifiers only, each download logged; no such file here',
  },
  'admin.payments.$id.tsx': {
    path: '/admin/payments/00000000-0000-4000-8000-000000000000',
    answers: { ...adminOnly, admin: 404 },
    why: 'finance admins only; the demo data has no payment with this id',
  },
  'admin.payments._index.tsx': { path: '/admin/payments', answers: adminOnly },
  'admin.payments.fees.tsx': { path: '/admin/payments/fees', answers: adminOnly },
  'admin.payments.instructions.tsx': { path: '/admin/payments/instructions', answers: adminOnly },
  'admin.payments.reconcile.tsx': {
    path: '/admin/payments/reconcile',
    answers: adminOnly,
    why: 'finance admins; without Stripe configured the page says there is nothing to reconcile',
  },
  'admin.payments.statements.tsx': { path: '/admin/payments/statements', answers: adminOnly },
  'admin.payments.transfers.tsx': { path: '/admin/payments/transfers', answers: adminOnly },
  'admin.vouchers.tsx': {
    path: '/admin/vouchers',
    answers: adminOnly,
    why: 'admins grant innovation vouchers for the issuing bureau and decide redemptions',
  },
  'admin.users.tsx': { path: '/admin/users', answers: adminOnly },
  'admin.users_.$id.tsx': {
    path: '/admin/users/00000000-0000-4000-8000-000000000000',
    answers: { ...adminOnly, admin: 404 },
    why: 'no such person: admins learn it is missing, anyone else is refused first',
  },
  'admin.listings.tsx': {
    path: '/admin/listings',
    answers: adminOnly,
    why: 'moderators hide and lift equipment listings (the demo admin holds every role)',
  },
  'admin.moderation.tsx': {
    path: '/admin/moderation',
    answers: adminOnly,
    why: 'moderators see every hold, active and lifted',
  },
  'admin.spaces.tsx': {
    path: '/admin/spaces',
    answers: adminOnly,
    why: 'verifiers check the spaces’ declared 备案 and 文号',
  },
  'bids._index.tsx': {
    path: '/bids',
    answers: signedIn(200),
    why: 'each person sees their own bids and those of their organisations; an empty page otherwise',
  },
  'bids.$id.tsx': {
    path: '/bids/00000000-0000-4000-8000-000000000000',
    answers: signedIn(404),
    why: 'a bid is for its bidder and the posting organisation only; there is no bid by this id',
  },
  'bookings._index.tsx': {
    path: '/bookings',
    answers: signedIn(200),
    why: 'each person sees the bookings they made; an empty page otherwise',
  },
  'bookings.$id.tsx': {
    path: '/bookings/00000000-0000-4000-8000-000000000000',
    answers: signedIn(404),
    why: 'only the booker and the owner organisation see a booking; there is no booking by this id',
  },
  'bookings.$id.review.tsx': {
    path: null,
    answers: null,
    why: 'POST-only: the review form of a completed booking posts here',
  },
  'bookings.$id_.packet.tsx': {
    path: '/bookings/00000000-0000-4000-8000-000000000000/packet',
    answers: signedIn(404),
    why: 'the provider and admins who decide redemptions only; there is no booking by this id',
  },
  'bookings.$id_.packet[.]pdf.ts': {
    path: '/bookings/00000000-0000-4000-8000-000000000000/packet.pdf',
    answers: signedIn(404),
    why: 'as the printable packet',
  },
  'campaigns._index.tsx': { path: '/campaigns', answers: all(200) },
  'campaigns.new.tsx': {
    path: '/campaigns/new',
    answers: signedIn(200),
    why: 'explains who may raise money instead of the form (none of these roles runs a startup)',
  },
  'campaigns.mine.tsx': {
    path: '/campaigns/mine',
    answers: signedIn(200),
    why: 'the campaigns of the startups a person belongs to; an empty page otherwise',
  },
  'campaigns.$slug._index.tsx': {
    path: '/campaigns/nanoge-separator-coating',
    answers: all(200),
    why: 'the teaser is public in the default setting; the terms only for qualified investors after the NDA (and campaign admins)',
  },
  'campaigns.$slug.edit.tsx': {
    path: '/campaigns/nanoge-separator-coating/edit',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'owners and admins of the startup only (none of these roles is)',
  },
  'campaigns.$slug.manage.tsx': {
    path: '/campaigns/nanoge-separator-coating/manage',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'the startup’s owners and admins: commitments, data room, Q&A and the access log',
  },
  'campaigns.$slug.documents.$documentId.ts': {
    path: '/campaigns/nanoge-separator-coating/documents/00000000-0000-4000-8000-000000000000',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'data-room files for those who see the terms, each investor download logged; no such document here',
  },
  'campaigns.$slug.commit.tsx': {
    path: '/campaigns/nanoge-separator-coating/commit',
    answers: signedIn(200),
    why: 'whoever sees the teaser sees whether they may commit (qualified investors only may submit)',
  },
  'campaigns.$slug.closing.tsx': {
    path: '/campaigns/jushi-vision-inspection/closing',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'the startup’s owners and admins only (none of these roles is); admins verify on /admin/campaigns',
  },
  'campaigns.$slug.withdraw.tsx': {
    path: '/campaigns/nanoge-separator-coating/withdraw',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'the startup’s owners and admins only (none of these roles is); admins withdraw on /admin/campaigns',
  },
  'commitments.$id.tsx': {
    path: '/commitments/00000000-0000-4000-8000-000000000000',
    answers: signedIn(404),
    why: 'a commitment is its investor’s and the investing firm’s owners’ and admins’ only; there is none by this id',
  },
  'challenges._index.tsx': { path: '/challenges', answers: all(200) },
  'challenges.$id._index.tsx': {
    path: '/challenges/ch-agv-obstacle-ideas',
    answers: all(200),
    why: 'a published challenge is public; its details may sit behind an NDA (demo slug)',
  },
  'challenges.$id.edit.tsx': {
    path: '/challenges/ch-agv-obstacle-ideas/edit',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'owners and admins of the posting organisation only (none of these roles is)',
  },
  'challenges.$id_.bid.tsx': {
    path: '/challenges/ch-agv-obstacle-ideas/bid',
    answers: signedIn(200),
    why: 'any signed-in person sees whether and how they may bid',
  },
  'challenges.$id_.bids.tsx': {
    path: '/challenges/ch-agv-obstacle-ideas/bids',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'the bids are the posting organisation’s to review; no one else learns of them',
  },
  'challenges.$id_.rate.tsx': {
    path: null,
    answers: null,
    why: 'POST-only: the rating card of a completed challenge’s work page posts here',
  },
  'challenges.$id_.work.tsx': {
    path: '/challenges/ch-agv-obstacle-ideas/work',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'the workspace is for the poster and the winner only; this challenge has no award yet',
  },
  'challenges.mine.tsx': {
    path: '/challenges/mine',
    answers: signedIn(200),
    why: 'each person sees the challenges of their own organisations; an empty page otherwise',
  },
  'challenges.new.tsx': {
    path: '/challenges/new',
    answers: signedIn(200),
    why: 'explains who may post a challenge instead of the form',
  },
  'confirm-password.tsx': { path: '/confirm-password', answers: signedIn(200) },
  'dashboard.tsx': { path: '/dashboard', answers: signedIn(200) },
  'deals.tsx': {
    path: '/deals',
    answers: signedIn(200),
    why: 'the deal feed of the investor one acts as; anyone else is told how to act as one',
  },
  'dev.mail.tsx': {
    path: '/dev/mail',
    answers: all(200),
    why: 'development mailbox; 404 when APP_ENV=production',
  },
  'equipment._index.tsx': { path: '/equipment', answers: all(200) },
  'equipment.$id._index.tsx': {
    path: '/equipment/cas-jiangnan-fe-sem',
    answers: all(200),
    why: 'a published listing of a verified lab is public (demo slug)',
  },
  'equipment.$id.book.tsx': {
    path: '/equipment/cas-jiangnan-fe-sem/book',
    answers: signedIn(200),
    why: 'any signed-in member may book a published instrument (demo slug)',
  },
  'equipment.$id.training.tsx': {
    path: '/equipment/00000000-0000-4000-8000-000000000000/training',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'owners and admins of the listing organisation only; there is no listing by this id',
  },
  'equipment.$id.edit.tsx': {
    path: '/equipment/00000000-0000-4000-8000-000000000000/edit',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'owners and admins of the listing organisation only; outsiders learn nothing, and there is no listing by this id',
  },
  'equipment.dashboard.tsx': {
    path: '/equipment/dashboard',
    answers: signedIn(200),
    why: 'each person sees the instruments of their own organisations; a pointer to listing one otherwise',
  },
  'equipment.mine.tsx': {
    path: '/equipment/mine',
    answers: signedIn(200),
    why: 'each person sees the listings of their own organisations; an empty page otherwise',
  },
  'equipment.vouchers.tsx': {
    path: '/equipment/vouchers',
    answers: signedIn(200),
    why: 'each person sees the voucher redemptions of the labs they run; an empty page otherwise',
  },
  'equipment.new.tsx': {
    path: '/equipment/new',
    answers: signedIn(200),
    why: 'explains who may list equipment instead of the form',
  },
  'finance.fapiao.tsx': {
    path: '/finance/fapiao',
    answers: signedIn(200),
    why: 'each person sees only the 发票 they issue; an empty inbox otherwise',
  },
  'forgot-password.tsx': { path: '/forgot-password', answers: all(200) },
  'healthz.ts': { path: '/healthz', answers: all(200) },
  'intros._index.tsx': {
    path: '/intros',
    answers: signedIn(200),
    why: 'each person sees the intros of the sides they speak for; an explanation otherwise',
  },
  'intros.new.tsx': {
    path: '/intros/new?startup=nanoge-materials',
    answers: signedIn(200),
    why: 'explains who may ask this startup for an intro instead of the form (demo slug)',
  },
  'intros.$id.tsx': {
    path: '/intros/00000000-0000-4000-8000-000000000000',
    answers: signedIn(404),
    why: 'only the people of the two sides see an intro; there is none by this id',
  },
  'investments.tsx': {
    path: '/investments',
    answers: signedIn(200),
    why: 'each person sees their own commitments and holdings (and their firms’); an empty page otherwise',
  },
  'investors._index.tsx': {
    path: '/investors',
    answers: all(200),
    why: 'the public directory for everyone; ranked by fit for someone acting for a startup',
  },
  'investors.$id.tsx': {
    path: '/investors/00000000-0000-4000-8000-000000000000',
    answers: all(404),
    why: 'a public profile, or one shown only to verified startups; there is none by this id',
  },
  'investors.profile.tsx': {
    path: '/investors/profile',
    answers: signedIn(200),
    why: 'anyone signed in may create the investor profile of the party they act for',
  },
  'investors.verification.tsx': {
    path: '/investors/verification',
    answers: signedIn(200),
    why: 'the acting profile’s 合格投资者 status, or a prompt to create a profile first',
  },
  'invitations.$token.tsx': {
    path: '/invitations/not-a-real-token',
    answers: all(200),
    why: 'shows that the invitation is invalid',
  },
  'language.tsx': { path: '/language', answers: all('redirect:/'), why: 'POST-only; GET bounces' },
  'login.mobile.tsx': { path: '/login/mobile', answers: guestOnly },
  'login.tsx': { path: '/login', answers: guestOnly },
  'logout.tsx': { path: '/logout', answers: all('redirect:/'), why: 'POST-only; GET bounces' },
  'messages.$id.tsx': {
    path: '/messages/00000000-0000-4000-8000-000000000000',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'only participants see a thread; anyone else is told it does not exist',
  },
  'mentoring._index.tsx': {
    path: '/mentoring',
    answers: signedIn(200),
    why: 'each person sees their own sessions as mentor and as requester',
  },
  'mentoring.$id.tsx': {
    path: '/mentoring/00000000-0000-4000-8000-000000000000',
    answers: signedIn(404),
    why: 'only the two parties and the space admins see a session; there is none by this id',
  },
  'messages._index.tsx': { path: '/messages', answers: signedIn(200) },
  'metrics.ts': {
    path: '/metrics',
    answers: all(404),
    why: 'for a scraper with the METRICS_TOKEN bearer token, never a session; no token configured here',
  },
  'payments._index.tsx': { path: '/payments', answers: signedIn(200) },
  'payments.$id._index.tsx': {
    path: '/payments/00000000-0000-4000-8000-000000000000',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'only the payer, the payee and finance admins see a payment; there is none by this id',
  },
  'finance._index.tsx': { path: '/finance', answers: signedIn(200) },
  'finance.stripe.tsx': {
    path: '/finance/stripe',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'Stripe onboarding exists only where Stripe is configured; the e2e server has no keys',
  },
  'notifications._index.tsx': { path: '/notifications', answers: signedIn(200) },
  'notifications.unsubscribe.tsx': {
    path: '/notifications/unsubscribe?token=not-a-real-token-0000000000',
    answers: all(200),
    why: 'works logged out through the token; a bad token shows that it is invalid',
  },
  'orgs.$slug.tsx': { path: '/orgs/nanshan-zhichuang', answers: all(200) },
  'orgs.new.tsx': { path: '/orgs/new', answers: signedIn(200) },
  'payments.$id.fapiao.tsx': {
    path: '/payments/00000000-0000-4000-8000-000000000000/fapiao',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'only the payer’s and payee’s sides see a payment; anyone else is told it does not exist',
  },
  'privacy.tsx': { path: '/privacy', answers: all(200) },
  'readyz.ts': { path: '/readyz', answers: all(200) },
  'reset-password.tsx': { path: '/reset-password', answers: all(200) },
  'search.tsx': { path: '/search?q=苏州', answers: all(200) },
  'search.suggest.ts': { path: '/search/suggest?q=SEM', answers: all(200) },
  'settings.export.tsx': {
    path: '/settings/export',
    answers: { ...signedIn(200), visitor: 'login' },
    why: 'fresh sessions have just entered the password',
  },
  'settings.tsx': { path: '/settings', answers: signedIn(200) },
  'signup.tsx': { path: '/signup', answers: guestOnly },
  'spaces.$slug._index.tsx': { path: '/spaces/nanshan-ai-robotics', answers: all(200) },
  'spaces.$slug.dashboard.tsx': {
    path: '/spaces/nanshan-ai-robotics/dashboard',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 200, admin: 404 },
    why: 'the operator figures are for the space admins (outsiders learn nothing: 404); platform admins have /admin/figures',
  },
  'spaces.$slug.dashboard[.]csv.ts': {
    path: '/spaces/nanshan-ai-robotics/dashboard.csv?figure=all',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 200, admin: 404 },
  },
  'spaces.$slug.report.tsx': {
    path: '/spaces/nanshan-ai-robotics/report',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 200, admin: 404 },
  },
  'spaces.$slug.settings.tsx': {
    path: '/spaces/nanshan-ai-robotics/settings',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 200, admin: 404 },
    why: 'the space’s admins change its name, description and declared filing',
  },
  'spaces.$slug.members._index.tsx': {
    path: '/spaces/nanshan-ai-robotics/members',
    answers: all(200),
    why: 'members by stage are public; admitting, moving and activity only for the space admins',
  },
  'spaces.$slug.members.$membershipId.tsx': {
    path: '/spaces/nanshan-ai-robotics/members/00000000-0000-4000-8000-000000000000',
    answers: signedIn(404),
    why: 'a member’s activity is for the space admins only; there is no membership by this id',
  },
  'spaces.$slug.mentors.tsx': {
    path: '/spaces/nanshan-ai-robotics/mentors',
    answers: all(200),
    why: 'listed mentors are public; the request form only for active members',
  },
  'spaces._index.tsx': { path: '/spaces', answers: all(200) },
  'spaces.$slug.events.tsx': {
    path: '/spaces/nanshan-ai-robotics/events',
    answers: all(200),
    why: 'a space’s events are public; the create form only for its admins',
  },
  'spaces.$slug.events[.]ics.ts': {
    path: '/spaces/nanshan-ai-robotics/events.ics',
    answers: all(200),
  },
  'events._index.tsx': { path: '/events', answers: all(200) },
  'events.mine.tsx': { path: '/events/mine', answers: signedIn(200) },
  'events.$id._index.tsx': {
    path: 'EVENT',
    answers: all(200),
    why: 'EVENT is the first event listed at nanshan-ai-robotics (majun runs that space)',
  },
  'events.$id[.]ics.ts': { path: 'EVENT.ics', answers: all(200) },
  'events.$id.manage.tsx': {
    path: 'EVENT/manage',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 200, admin: 404 },
    why: 'only the space operator’s owners and admins run an event',
  },
  'events.$id.edit.tsx': {
    path: 'EVENT/edit',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 200, admin: 404 },
  },
  'events.$id.registrations[.]csv.ts': {
    path: 'EVENT/registrations.csv',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 200, admin: 404 },
    why: 'registrants’ names and e-mails are for the space’s admins only',
  },
  'spaces.new.tsx': {
    path: '/spaces/new',
    answers: signedIn(200),
    why: 'explains who may create a space instead of the form',
  },
  'startups.$slug._index.tsx': {
    path: '/startups/nanoge-materials',
    answers: all(200),
    why: 'a verified startup’s fundraising profile is public (demo startup)',
  },
  'startups.$slug.edit.tsx': {
    path: '/startups/nanoge-materials/edit',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
    why: 'owners and admins of the startup only (none of these roles is its member)',
  },
  'uploads.$id.tsx': {
    path: '/uploads/00000000-0000-4000-8000-000000000000',
    answers: { visitor: 'login', member: 404, orgMember: 404, orgAdmin: 404, admin: 404 },
  },
  'webhooks.stripe.tsx': {
    path: '/webhooks/stripe',
    answers: all(404),
    why: 'POST-only, signed by Stripe; a GET finds nothing (and without Stripe configured neither does a POST)',
  },
  'verify-email.tsx': {
    path: '/verify-email',
    answers: {
      visitor: 'login',
      member: 'redirect:/dashboard',
      orgMember: 'redirect:/dashboard',
      orgAdmin: 'redirect:/dashboard',
      admin: 'redirect:/dashboard',
    },
  },
}

test('every route file has a row in the matrix', () => {
  const files = fs
    .readdirSync(path.join(process.cwd(), 'app/routes'))
    .filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes('.test.'))
  expect(files.filter((f) => !(f in matrix))).toEqual([])
  expect(Object.keys(matrix).filter((f) => !files.includes(f))).toEqual([])
})

const accounts: Record<Exclude<Role, 'visitor'>, string> = {
  member: demo.member,
  orgMember: demo.orgMember,
  orgAdmin: demo.orgAdmin,
  admin: demo.admin,
}

async function logInApi(request: APIRequestContext, email: string): Promise<void> {
  const res = await request.post('/login', {
    headers: { 'Sec-Fetch-Site': 'same-origin' },
    form: { email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  })
  expect(res.status(), `log in as ${email}`).toBe(302)
}

for (const role of ['visitor', 'member', 'orgMember', 'orgAdmin', 'admin'] as const) {
  test(`answers for ${role}`, async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL })
    if (role !== 'visitor') await logInApi(request, accounts[role])
    // The first pending organisation of the demo data, for the admin detail page.
    const adminRequest = await playwright.request.newContext({ baseURL })
    await logInApi(adminRequest, demo.admin)
    const queue = await (await adminRequest.get('/admin/orgs?status=pending')).text()
    const adminOrg =
      /href="(\/admin\/orgs\/[0-9a-f-]{36})"/.exec(queue)?.[1] ?? '/admin/orgs/missing'
    // The first event listed at the demo space majun runs, for the event pages.
    const events = await (await adminRequest.get('/spaces/nanshan-ai-robotics/events')).text()
    const event = /href="(\/events\/[0-9a-f-]{36})"/.exec(events)?.[1] ?? '/events/missing'
    const failures: string[] = []
    for (const [file, row] of Object.entries(matrix)) {
      if (!row.path || !row.answers) continue
      const target =
        row.path === 'ADMIN_ORG' ? adminOrg : row.path.replace(/^EVENT(?=$|[./])/, event)
      const res = await request.get(target, { maxRedirects: 0 })
      const expected = row.answers[role]
      const status = res.status()
      const location = res.headers()['location'] ?? ''
      let ok: boolean
      if (expected === 'login') ok = status === 302 && location.startsWith('/login')
      else if (typeof expected === 'string')
        ok = status === 302 && location.split('?')[0] === expected.slice('redirect:'.length)
      else ok = status === expected
      if (!ok) failures.push(`${file} ${target}: expected ${expected}, got ${status} ${location}`)
    }
    expect(failures).toEqual([])
  })
}
