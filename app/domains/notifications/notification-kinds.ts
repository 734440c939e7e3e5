// The catalogue of notifications: each kind belongs to a category (what a person turns on or
// off) and names the params its text needs. Texts live in the `notifications` namespace under
// `kinds.<kind>`; a marketplace adds its kinds (and categories) here and there.
export const notificationCategories = [
  'account',
  'organisation',
  'space',
  'marketplace',
  'messages',
] as const
export type NotificationCategory = (typeof notificationCategories)[number]

type KindDefinition = {
  category: NotificationCategory
  params: readonly string[]
  /** Params that are vocabulary keys, shown through `notifications:<prefix>.<value>`. */
  translated?: Readonly<Record<string, string>>
}

export const notificationKinds = {
  'org.verified': { category: 'organisation', params: ['orgName'] },
  'org.rejected': { category: 'organisation', params: ['orgName', 'reason'] },
  'space.admitted': {
    category: 'space',
    params: ['spaceName', 'stage'],
    translated: { stage: 'stages' },
  },
  'thread.message': { category: 'messages', params: ['subject', 'authorName'] },
  'payment.actionRequired': { category: 'marketplace', params: ['description', 'amount'] },
  'fapiao.requested': { category: 'marketplace', params: ['description', 'amount', 'title'] },
  'fapiao.issued': { category: 'marketplace', params: ['description', 'amount', 'invoiceNumber'] },
  'fapiao.rejected': { category: 'marketplace', params: ['description', 'amount', 'reason'] },
  'booking.requested': { category: 'marketplace', params: ['listingName', 'startsAt'] },
  'booking.booked': { category: 'marketplace', params: ['listingName', 'startsAt'] },
  'booking.approved': { category: 'marketplace', params: ['listingName', 'startsAt'] },
  'booking.declined': { category: 'marketplace', params: ['listingName', 'startsAt', 'reason'] },
  'booking.paid': { category: 'marketplace', params: ['listingName', 'startsAt'] },
  'booking.cancelled': { category: 'marketplace', params: ['listingName', 'startsAt', 'reason'] },
  'booking.expired': { category: 'marketplace', params: ['listingName', 'startsAt'] },
  'booking.completed': { category: 'marketplace', params: ['listingName', 'startsAt'] },
  'booking.noShow': { category: 'marketplace', params: ['listingName', 'startsAt'] },
  'booking.report': { category: 'marketplace', params: ['listingName', 'startsAt'] },
  'booking.retestRequested': {
    category: 'marketplace',
    params: ['listingName', 'startsAt', 'reason'],
  },
  'booking.retestAccepted': { category: 'marketplace', params: ['listingName', 'startsAt'] },
  'booking.retestDeclined': {
    category: 'marketplace',
    params: ['listingName', 'startsAt', 'reason'],
  },
  'booking.depositClaim': { category: 'marketplace', params: ['listingName', 'amount', 'reason'] },
  'booking.depositDisputed': { category: 'marketplace', params: ['listingName', 'amount'] },
  'booking.reviewed': { category: 'marketplace', params: ['listingName', 'rating'] },
  'dispute.resolved': { category: 'marketplace', params: ['description', 'release', 'refund'] },
  'voucher.granted': { category: 'marketplace', params: ['issuer', 'amount', 'expiresOn'] },
  'voucher.reimbursed': { category: 'marketplace', params: ['listingName', 'amount', 'packetNo'] },
  'voucher.rejected': { category: 'marketplace', params: ['listingName', 'amount', 'reason'] },
  'voucher.debtDue': { category: 'marketplace', params: ['listingName', 'amount', 'reason'] },
  'challenge.question': { category: 'marketplace', params: ['title'] },
  'challenge.answer': { category: 'marketplace', params: ['title'] },
  'challenge.amended': { category: 'marketplace', params: ['title', 'version'] },
  'challenge.applied': { category: 'marketplace', params: ['title'] },
  'challenge.admitted': { category: 'marketplace', params: ['title'] },
  'challenge.bid': { category: 'marketplace', params: ['title'] },
  'challenge.shortlisted': { category: 'marketplace', params: ['title'] },
  'challenge.bidRejected': { category: 'marketplace', params: ['title', 'reason'] },
  'challenge.awarded': { category: 'marketplace', params: ['title'] },
  'challenge.noAward': { category: 'marketplace', params: ['title', 'reason'] },
  'challenge.milestonesProposed': { category: 'marketplace', params: ['title'] },
  'challenge.milestonesAgreed': { category: 'marketplace', params: ['title'] },
  'challenge.funded': { category: 'marketplace', params: ['title', 'amount'] },
  'challenge.lapsed': { category: 'marketplace', params: ['title', 'reason'] },
  'challenge.deliverable': { category: 'marketplace', params: ['title', 'milestone'] },
  'challenge.revision': { category: 'marketplace', params: ['title', 'milestone', 'reason'] },
  'challenge.released': { category: 'marketplace', params: ['title', 'milestone', 'amount'] },
  'challenge.disputed': { category: 'marketplace', params: ['title', 'milestone'] },
  'challenge.cancelled': { category: 'marketplace', params: ['title', 'reason'] },
  'challenge.rated': { category: 'marketplace', params: ['title'] },
  'investor.approved': { category: 'marketplace', params: ['expiresOn'] },
  'investor.rejected': { category: 'marketplace', params: ['reason'] },
  'investor.expired': { category: 'marketplace', params: [] },
  'campaign.question': { category: 'marketplace', params: ['title'] },
  'campaign.answer': { category: 'marketplace', params: ['title'] },
  'campaign.update': { category: 'marketplace', params: ['title', 'update'] },
  'campaign.reconfirm': { category: 'marketplace', params: ['title', 'reconfirmBy'] },
  'campaign.commitment': { category: 'marketplace', params: ['title', 'amount'] },
  'campaign.collecting': { category: 'marketplace', params: ['title'] },
  'campaign.decision': { category: 'marketplace', params: ['title', 'amount'] },
  'campaign.funded': { category: 'marketplace', params: ['title', 'amount'] },
  'campaign.failed': { category: 'marketplace', params: ['title', 'reason'] },
  'campaign.documentsRejected': { category: 'marketplace', params: ['title', 'reason'] },
  'campaign.completed': { category: 'marketplace', params: ['title', 'amount'] },
  'campaign.withdrawn': { category: 'marketplace', params: ['title', 'reason'] },
  'commitment.cancelled': { category: 'marketplace', params: ['title', 'reason'] },
  'commitment.lapsed': { category: 'marketplace', params: ['title'] },
  'commitment.chargeFailed': { category: 'marketplace', params: ['title', 'amount'] },
  'intro.requested': { category: 'marketplace', params: ['name'] },
  'intro.accepted': { category: 'marketplace', params: ['name'] },
  'intro.declined': { category: 'marketplace', params: ['name'] },
  'event.registered': { category: 'space', params: ['title', 'startsAt'] },
  'event.waitlisted': { category: 'space', params: ['title', 'position'] },
  'event.promoted': { category: 'space', params: ['title', 'startsAt'] },
  'event.cancelled': { category: 'space', params: ['title', 'reason'] },
  'event.invited': { category: 'space', params: ['title', 'spaceName', 'startsAt'] },
  'event.presenting': { category: 'space', params: ['title', 'startsAt'] },
  'event.changed': { category: 'space', params: ['title', 'startsAt', 'place'] },
  'mentor.requested': { category: 'space', params: ['name', 'topic'] },
  'mentor.accepted': { category: 'space', params: ['name', 'scheduledAt'] },
  'mentor.declined': { category: 'space', params: ['name', 'reason'] },
  'mentor.cancelled': { category: 'space', params: ['name'] },
  'mentor.recorded': { category: 'space', params: ['name'] },
  'space.filingVerified': { category: 'space', params: ['spaceName'] },
  'space.filingRejected': { category: 'space', params: ['spaceName', 'reason'] },
  'moderation.hidden': { category: 'marketplace', params: ['title', 'reason'] },
  'moderation.lifted': { category: 'marketplace', params: ['title'] },
} as const satisfies Record<string, KindDefinition>

export type NotificationKind = keyof typeof notificationKinds
export type NotificationParams<K extends NotificationKind> = Record<
  (typeof notificationKinds)[K]['params'][number],
  string
>

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(notificationKinds, value)
}

export function isNotificationCategory(value: string): value is NotificationCategory {
  return (notificationCategories as readonly string[]).includes(value)
}

type Translate = (key: string, values?: Record<string, string>) => string

/**
 * A notification's text in the reader's language, with `t` bound to the `notifications`
 * namespace. Used by the inbox page and by the e-mail alike, so both say the same thing.
 */
export function notificationText(
  t: Translate,
  kind: string,
  params: Record<string, string>,
): string {
  if (!isNotificationKind(kind)) return t('unknownKind')
  const definition: KindDefinition = notificationKinds[kind]
  const values: Record<string, string> = {}
  for (const name of definition.params) {
    const raw = params[name] ?? ''
    const prefix = definition.translated?.[name]
    values[name] = prefix && raw ? t(`${prefix}.${raw}`) : raw
  }
  return t(`kinds.${kind}`, values)
}
