// Demo mentors (创业导师) of two spaces, and two sessions of their member startups: one held and
// recorded, one waiting for the mentor's answer, so /mentoring and the space pages have content.
// The mentors are demo people who belong to none of those spaces' member startups.
import { and, eq } from 'drizzle-orm'
import type { Tx } from '../client.server.ts'
import {
  mentorSessionEvents,
  mentorSessions,
  spaceMemberships,
  spaceMentors,
  spaces,
} from '../schema/index.ts'

const DAY = 86_400_000
const HOUR = 3_600_000

type DemoMentor = {
  spaceSlug: string
  personKey: string
  title: string
  affiliation: string
  bio: string
  segments: string[]
  topics: string[]
  availability: string
}

const demoMentors: readonly DemoMentor[] = [
  {
    spaceSlug: 'jiangnan-new-materials',
    personKey: 'yangfan',
    title: '教授、博士生导师',
    affiliation: '秦川理工大学材料科学与工程学院',
    bio: '长期从事先进陶瓷与纳米功能材料研究，主持过多项国家重点研发计划课题，指导过 6 个团队完成从小试到百公斤级中试的放大。',
    segments: ['3.6', '3.4'],
    topics: ['中试放大', '材料表征与检测', '产学研合作'],
    availability: '每月第二、四周的周三下午，线上或空间二楼会议室',
  },
  {
    spaceSlug: 'jiangnan-new-materials',
    personKey: 'zhengkai',
    title: '创始合伙人',
    affiliation: '北京栖木天使投资管理有限公司',
    bio: '专注新材料与先进制造早期投资十余年，参与投资项目 40 余个。可帮助团队梳理商业计划、估值逻辑和天使轮条款。',
    segments: ['3.6', '3.7'],
    topics: ['天使轮融资', '商业计划书', '估值与投资条款'],
    availability: '每月一次集中路演辅导日，其余时间线上预约',
  },
  {
    spaceSlug: 'nanshan-ai-robotics',
    personKey: 'songwei',
    title: '研究员',
    affiliation: '北京泛在智能计算研究院',
    bio: '机器视觉与边缘计算方向研究员，负责研究院的产业合作。熟悉工业质检场景的算法选型和算力部署。',
    segments: ['1.5'],
    topics: ['机器视觉算法', '边缘算力部署', '产学研合作'],
    availability: '每周四下午线上，深圳出差期间可面谈',
  },
  {
    spaceSlug: 'nanshan-ai-robotics',
    personKey: 'zhanglixin',
    title: '高级工程师、副总经理',
    affiliation: '合肥启衡智能装备股份有限公司',
    bio: '二十年智能装备研发与量产经验，带领团队完成多条自动化产线交付。可指导样机到量产的工艺、供应链和质量体系。',
    segments: ['2.1'],
    topics: ['样机到量产', '供应链管理', '产线质量体系'],
    availability: '每月第一个周五，线上',
  },
]

async function membershipId(tx: Tx, spaceId: string, orgId: string | undefined) {
  if (!orgId) return undefined
  return tx
    .select({ id: spaceMemberships.id })
    .from(spaceMemberships)
    .where(
      and(
        eq(spaceMemberships.spaceId, spaceId),
        eq(spaceMemberships.memberOrgId, orgId),
        eq(spaceMemberships.status, 'active'),
      ),
    )
    .then((r) => r[0]?.id)
}

export async function seedDemoMentors(
  tx: Tx,
  personIds: ReadonlyMap<string, string>,
  orgIds: ReadonlyMap<string, string>,
): Promise<void> {
  const at = new Date()
  const mentorIds = new Map<string, { id: string; spaceId: string }>()
  for (const m of demoMentors) {
    const userId = personIds.get(m.personKey)
    const space = await tx
      .select({ id: spaces.id })
      .from(spaces)
      .where(eq(spaces.slug, m.spaceSlug))
      .then((r) => r[0])
    if (!userId || !space) continue
    const [row] = await tx
      .insert(spaceMentors)
      .values({
        spaceId: space.id,
        userId,
        title: m.title,
        affiliation: m.affiliation,
        bio: m.bio,
        segments: m.segments,
        topics: m.topics,
        availability: m.availability,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: spaceMentors.id })
    if (row) mentorIds.set(`${m.spaceSlug}/${m.personKey}`, { id: row.id, spaceId: space.id })
  }

  // 矩视智能 met 宋伟 ten days ago; the meeting is recorded.
  const songwei = mentorIds.get('nanshan-ai-robotics/songwei')
  const zhaoyiming = personIds.get('zhaoyiming')
  const jushi = orgIds.get('jushi-vision')
  const heldMembership = songwei ? await membershipId(tx, songwei.spaceId, jushi) : undefined
  if (songwei && zhaoyiming && heldMembership) {
    const requestedAt = new Date(at.getTime() - 16 * DAY)
    const acceptedAt = new Date(at.getTime() - 15 * DAY)
    const heldAt = new Date(at.getTime() - 10 * DAY - 3 * HOUR)
    const [s] = await tx
      .insert(mentorSessions)
      .values({
        mentorId: songwei.id,
        membershipId: heldMembership,
        requesterUserId: zhaoyiming,
        requesterOrgId: jushi ?? null,
        topic: '锂电极片缺陷检测模型在产线边缘端的部署',
        message:
          '我们的检测模型在服务器上准确率达标，但客户产线只允许用工控机，想请教模型压缩和边缘算力选型。',
        preferredTimes: '下周三或周四下午',
        status: 'held',
        scheduledAt: heldAt,
        place: '空间 3 楼会议室',
        heldAt,
        durationMinutes: 90,
        summary:
          '讨论了模型剪枝与量化的取舍，建议先用 INT8 量化验证精度损失；边缘端可评估两款国产 AI 加速卡，并约定两周后复盘测试数据。',
        createdAt: requestedAt,
        updatedAt: heldAt,
      })
      .returning({ id: mentorSessions.id })
    if (s) {
      await tx.insert(mentorSessionEvents).values([
        {
          sessionId: s.id,
          action: 'request',
          fromStatus: null,
          toStatus: 'requested',
          actorUserId: zhaoyiming,
          at: requestedAt,
        },
        {
          sessionId: s.id,
          action: 'accept',
          fromStatus: 'requested',
          toStatus: 'accepted',
          actorUserId: personIds.get('songwei') ?? null,
          at: acceptedAt,
        },
        {
          sessionId: s.id,
          action: 'record',
          fromStatus: 'accepted',
          toStatus: 'held',
          actorUserId: personIds.get('songwei') ?? null,
          at: new Date(heldAt.getTime() + 2 * HOUR),
        },
      ])
    }
  }

  // 纳格新材料 asked 杨帆 two days ago; the request waits for his answer.
  const yangfan = mentorIds.get('jiangnan-new-materials/yangfan')
  const wanghaoran = personIds.get('wanghaoran')
  const nanoge = orgIds.get('nanoge-materials')
  const askingMembership = yangfan ? await membershipId(tx, yangfan.spaceId, nanoge) : undefined
  if (yangfan && wanghaoran && askingMembership) {
    const requestedAt = new Date(at.getTime() - 2 * DAY)
    const [s] = await tx
      .insert(mentorSessions)
      .values({
        mentorId: yangfan.id,
        membershipId: askingMembership,
        requesterUserId: wanghaoran,
        requesterOrgId: nanoge ?? null,
        topic: '隔膜涂层浆料从 5 公斤到 100 公斤的放大',
        message:
          '小试配方稳定，但放大到中试釜后粘度波动较大，涂层厚度一致性下降。想请教分散工艺和在线检测方案。',
        preferredTimes: '本月内任意工作日下午',
        status: 'requested',
        createdAt: requestedAt,
        updatedAt: requestedAt,
      })
      .returning({ id: mentorSessions.id })
    if (s) {
      await tx.insert(mentorSessionEvents).values({
        sessionId: s.id,
        action: 'request',
        fromStatus: null,
        toStatus: 'requested',
        actorUserId: wanghaoran,
        at: requestedAt,
      })
    }
  }
}
