// Demo events: at 南山 a roadshow held two months ago (two member startups presenting, two
// angels invited, most registrants checked in) and the next one in three weeks; at 江南 an
// upcoming SEM/XRD training and an open day already held; at 钱塘 an upcoming contest. Times
// are relative to the product clock, so a fresh seed always has events ahead and behind.
import crypto from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../client.server.ts'
import {
  campaigns,
  eventInvitations,
  eventPresenters,
  eventRegistrationEvents,
  eventRegistrations,
  investorProfiles,
  spaceEvents,
  spaceEventStatusEvents,
  spaces,
} from '../schema/index.ts'
import { now } from '../../app/clock.server.ts'
import type {
  EventAudience,
  EventKind,
  RegistrationStatus,
} from '../../app/domains/hubs/hub.machine.ts'
import { EVENT_HOLD_TIMER } from '../../app/domains/hubs/event-transitions.server.ts'
import { scheduleTimer } from '../../app/domains/timers/timers.server.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A day `days` from today at `hour`:`minute` Beijing time. */
function beijingAt(days: number, hour: number, minute = 0): Date {
  const shifted = new Date(now().getTime() + 8 * HOUR + days * DAY)
  return new Date(
    Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate(), hour, minute) -
      8 * HOUR,
  )
}

type DemoEvent = {
  spaceSlug: string
  kind: EventKind
  title: string
  summary: string
  description: string
  days: number
  startHour: number
  hours: number
  place: string | null
  onlineUrl: string | null
  capacity: number
  audience: EventAudience
  closesDaysBefore?: number
  held: boolean
  organiserKey: string
  presenters?: { orgKey: string; campaignSlug?: string; pitchTitle: string }[]
  invite?: string[]
  registrations: { personKey: string; orgKey?: string; status: RegistrationStatus }[]
}

const roadshowPresenters = [
  {
    orgKey: 'jushi-vision',
    campaignSlug: 'jushi-vision-inspection',
    pitchTitle: '3C 产线 AI 视觉质检：从试点到规模化复制',
  },
  { orgKey: 'weigou-robotics', pitchTitle: '协作机器人柔性装配单元' },
]

const demoEvents: DemoEvent[] = [
  {
    spaceSlug: 'nanshan-ai-robotics',
    kind: 'roadshow',
    title: '南山智造路演日 · 第 11 期：机器视觉与协作机器人专场',
    summary: '两家在孵团队面向天使投资人和产业资本路演，每队 15 分钟陈述加 10 分钟问答。',
    description:
      '14:00 签到与交流\n14:30 主持人开场，介绍南山智创孵化器在孵项目情况\n14:40 矩视智能：3C 产线 AI 视觉质检\n15:05 微构机器人：协作机器人柔性装配单元\n15:30 投资人点评与自由交流\n\n路演结束后可在平台上向项目方发起约谈。',
    days: -61,
    startHour: 14,
    hours: 3,
    place: '深圳市南山区科技园 南山智创中心 3 楼路演厅',
    onlineUrl: null,
    capacity: 40,
    audience: 'public',
    held: true,
    organiserKey: 'majun',
    presenters: roadshowPresenters,
    invite: ['zhengkai', 'wuting'],
    registrations: [
      { personKey: 'zhengkai', status: 'attended' },
      { personKey: 'wuting', status: 'attended' },
      { personKey: 'zhaoyiming', orgKey: 'jushi-vision', status: 'attended' },
      { personKey: 'tangxin', orgKey: 'weigou-robotics', status: 'attended' },
      { personKey: 'chensiyuan', status: 'attended' },
      { personKey: 'linxiaotong', status: 'attended' },
      { personKey: 'wanghaoran', orgKey: 'nanoge-materials', status: 'attended' },
      { personKey: 'songwei', status: 'attended' },
      { personKey: 'hejing', status: 'registered' },
      { personKey: 'sunyaqi', status: 'registered' },
    ],
  },
  {
    spaceSlug: 'nanshan-ai-robotics',
    kind: 'roadshow',
    title: '南山智造路演日 · 第 12 期：智能硬件冬季专场',
    summary: '在孵团队路演最新进展与融资计划，受邀投资人现场点评，仅限空间成员与受邀投资人报名。',
    description:
      '本期聚焦量产落地：矩视智能将介绍视觉质检系统在三家 3C 工厂的复制情况及本轮众筹进展，微构机器人将展示新一代协作装配单元。\n\n线上同步直播，会议链接在报名成功后可见。',
    days: 21,
    startHour: 14,
    hours: 3,
    place: '深圳市南山区科技园 南山智创中心 3 楼路演厅',
    onlineUrl: 'https://meeting.tencent.com/dm/nanshan-roadshow-12',
    capacity: 30,
    audience: 'members',
    closesDaysBefore: 1,
    held: false,
    organiserKey: 'majun',
    presenters: roadshowPresenters,
    invite: ['zhengkai', 'wuting'],
    registrations: [
      { personKey: 'zhaoyiming', orgKey: 'jushi-vision', status: 'registered' },
      { personKey: 'tangxin', orgKey: 'weigou-robotics', status: 'registered' },
    ],
  },
  {
    spaceSlug: 'jiangnan-new-materials',
    kind: 'training',
    title: '材料表征 SEM/XRD 实操培训',
    summary: '扫描电镜与 X 射线衍射的原理、制样与上机实操，完成培训可获自助上机资格。',
    description:
      '上午：SEM 原理、导电处理与制样要点，XRD 物相分析基础\n下午：分组上机（每组 4 人），蔡司 Gemini 场发射扫描电镜与布鲁克 D8 衍射仪\n\n请穿长袖实验服，自带待测样品（粉末不少于 0.5 g，块体不大于 1 cm³）。完成培训并通过考核者，可在平台预约相应仪器的自助机时。',
    days: 12,
    startHour: 9,
    hours: 8,
    place: '苏州市工业园区 江南新材料研究院 表征平台 203 室',
    onlineUrl: null,
    capacity: 20,
    audience: 'public',
    closesDaysBefore: 2,
    held: false,
    organiserKey: 'liujianguo',
    registrations: [
      { personKey: 'linxiaotong', status: 'registered' },
      { personKey: 'wanghaoran', orgKey: 'nanoge-materials', status: 'registered' },
      { personKey: 'chensiyuan', status: 'registered' },
    ],
  },
  {
    spaceSlug: 'jiangnan-new-materials',
    kind: 'open_day',
    title: '江南新材料众创空间开放日：走进中试平台',
    summary: '参观涂布中试线与表征平台，了解入驻政策、创新券和设备共享服务。',
    description:
      '参观路线：涂布中试线 → 表征平台 → 联合办公区\n入驻答疑：孵化阶段划分、入驻条件与优惠政策\n现场可咨询创新券申领与设备共享预约。',
    days: -20,
    startHour: 14,
    hours: 2,
    place: '苏州市工业园区 江南新材料研究院 1 号楼大厅',
    onlineUrl: null,
    capacity: 60,
    audience: 'public',
    held: true,
    organiserKey: 'liujianguo',
    registrations: [
      { personKey: 'linxiaotong', status: 'attended' },
      { personKey: 'chensiyuan', status: 'attended' },
      { personKey: 'sunyaqi', status: 'attended' },
      { personKey: 'yangfan', status: 'registered' },
    ],
  },
  {
    spaceSlug: 'qiantang-biomed',
    kind: 'contest',
    title: '钱塘生物医药创新创业大赛 · 初赛路演',
    summary: '面向早期生物医药团队，初赛 8 分钟路演加 5 分钟答辩，优胜团队直通入驻与种子基金对接。',
    description:
      '赛道：创新药与生物制品、医疗器械与诊断、数字医疗\n评委：高校教授、医院专家与投资机构合伙人\n奖励：一等奖 10 万元创业资助，前六名获空间免租入驻一年及种子基金优先对接\n\n现场与线上同步进行，外地团队可线上参赛。',
    days: 30,
    startHour: 9,
    hours: 7,
    place: '杭州市钱塘区 钱塘医科大学科技园 学术报告厅',
    onlineUrl: 'https://meeting.tencent.com/dm/qiantang-biomed-contest',
    capacity: 120,
    audience: 'public',
    closesDaysBefore: 7,
    held: false,
    organiserKey: 'hejing',
    registrations: [{ personKey: 'sunyaqi', orgKey: 'chengxi-bio', status: 'registered' }],
  },
]

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const code = () =>
  Array.from({ length: 6 }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join('')

export async function seedDemoEvents(
  tx: Tx,
  personIds: ReadonlyMap<string, string>,
  orgIds: ReadonlyMap<string, string>,
): Promise<void> {
  const slugs = [...new Set(demoEvents.map((e) => e.spaceSlug))]
  const spaceRows = await tx
    .select({ id: spaces.id, slug: spaces.slug })
    .from(spaces)
    .where(inArray(spaces.slug, slugs))
  const spaceIds = new Map(spaceRows.map((s) => [s.slug, s.id]))
  const campaignRows = await tx.select({ id: campaigns.id, slug: campaigns.slug }).from(campaigns)
  const campaignIds = new Map(campaignRows.map((c) => [c.slug, c.id]))
  const at = now()
  for (const e of demoEvents) {
    const spaceId = spaceIds.get(e.spaceSlug)
    if (!spaceId) continue
    const startsAt = beijingAt(e.days, e.startHour)
    const endsAt = new Date(startsAt.getTime() + e.hours * HOUR)
    // Announced three weeks ahead; events still to come were announced a few days ago.
    const createdAt = e.held
      ? new Date(startsAt.getTime() - 21 * DAY)
      : new Date(at.getTime() - 5 * DAY)
    const organiser = personIds.get(e.organiserKey) ?? null
    const [event] = await tx
      .insert(spaceEvents)
      .values({
        spaceId,
        kind: e.kind,
        title: e.title,
        summary: e.summary,
        description: e.description,
        startsAt,
        endsAt,
        place: e.place,
        onlineUrl: e.onlineUrl,
        capacity: e.capacity,
        audience: e.audience,
        registrationClosesAt: e.closesDaysBefore
          ? beijingAt(e.days - e.closesDaysBefore, 18)
          : null,
        status: e.held ? 'held' : 'published',
        createdBy: organiser,
        createdAt,
        updatedAt: e.held ? endsAt : createdAt,
      })
      .returning()
    if (!event) continue
    await tx.insert(spaceEventStatusEvents).values({
      eventId: event.id,
      action: 'publish',
      fromStatus: 'draft',
      toStatus: 'published',
      actorUserId: organiser,
      at: createdAt,
    })
    if (e.held)
      await tx.insert(spaceEventStatusEvents).values({
        eventId: event.id,
        action: 'hold',
        fromStatus: 'published',
        toStatus: 'held',
        actorUserId: null,
        at: endsAt,
      })
    else await scheduleTimer(tx, { kind: EVENT_HOLD_TIMER, subjectId: event.id, dueAt: endsAt })

    for (const [i, p] of (e.presenters ?? []).entries()) {
      const orgId = orgIds.get(p.orgKey)
      if (!orgId) continue
      const campaignId = p.campaignSlug ? (campaignIds.get(p.campaignSlug) ?? null) : null
      await tx.insert(eventPresenters).values({
        eventId: event.id,
        orgId,
        // A campaign closed since a past roadshow is still what was pitched there.
        campaignId,
        pitchTitle: p.pitchTitle,
        position: i + 1,
        createdAt,
      })
    }
    for (const key of e.invite ?? []) {
      const userId = personIds.get(key)
      if (!userId) continue
      const profile = await tx
        .select({ id: investorProfiles.id })
        .from(investorProfiles)
        .where(and(eq(investorProfiles.userId, userId), eq(investorProfiles.kind, 'individual')))
        .then((r) => r[0])
      if (!profile) continue
      await tx.insert(eventInvitations).values({
        eventId: event.id,
        investorProfileId: profile.id,
        invitedBy: organiser,
        invitedAt: createdAt,
      })
    }
    for (const [i, r] of e.registrations.entries()) {
      const userId = personIds.get(r.personKey)
      if (!userId) continue
      const registeredAt = new Date(createdAt.getTime() + (i + 1) * 3 * HOUR)
      const [row] = await tx
        .insert(eventRegistrations)
        .values({
          eventId: event.id,
          userId,
          orgId: r.orgKey ? (orgIds.get(r.orgKey) ?? null) : null,
          status: r.status,
          checkInCode: code(),
          checkedInAt:
            r.status === 'attended'
              ? new Date(startsAt.getTime() - 10 * 60_000 + i * 60_000)
              : null,
          createdAt: registeredAt,
          updatedAt: registeredAt,
        })
        .returning({ id: eventRegistrations.id })
      if (!row) continue
      await tx.insert(eventRegistrationEvents).values({
        registrationId: row.id,
        action: 'register',
        fromStatus: null,
        toStatus: 'registered',
        actorUserId: userId,
        at: registeredAt,
      })
      if (r.status === 'attended')
        await tx.insert(eventRegistrationEvents).values({
          registrationId: row.id,
          action: 'check_in',
          fromStatus: 'registered',
          toStatus: 'attended',
          actorUserId: organiser,
          at: new Date(startsAt.getTime() - 10 * 60_000 + i * 60_000),
        })
    }
  }
}
