// Demo people, organisations and spaces for seeding a database that looks like a working platform.
// Names and companies are invented; credit codes are generated so they pass the GB 32100 check.
import { makeUscc } from '../../app/domains/orgs/uscc.ts'
import type {
  Accreditation,
  OpeningHours,
  Spec,
} from '../../app/domains/equipment/equipment.schema.ts'
import type { EquipmentCategory, ServiceMode } from '../../app/domains/equipment/equipment-terms.ts'
import type { PriceListInput } from '../../app/domains/equipment/price-blocks.schema.ts'

export const demoPassword = 'zhongchuang-demo-2026'

/** Second-level codes of 战略性新兴产业分类（2018）, as in app/data/industry-segments.json. */
export type SegmentCode =
  | `1.${1 | 2 | 3 | 4 | 5}`
  | `2.${1 | 2 | 3 | 4 | 5}`
  | `3.${1 | 2 | 3 | 4 | 5 | 6 | 7}`
  | `4.${1 | 2 | 3 | 4 | 5}`
  | `5.${1 | 2 | 3 | 4}`
  | `6.${1 | 2 | 3 | 4 | 5}`
  | `7.${1 | 2 | 3}`
  | `8.${1 | 2 | 3 | 4}`
  | `9.${1 | 2}`

export type DemoOrgType =
  'enterprise' | 'institute' | 'university' | 'startup' | 'investment_firm' | 'space_operator'
export type DemoCity =
  '北京' | '上海' | '深圳' | '苏州' | '合肥' | '杭州' | '武汉' | '成都' | '西安'
export type DemoStage = 'nursery' | 'incubator' | 'accelerator'
export type DemoSpaceKind = 'nursery' | 'incubator' | 'accelerator'
export type DemoFiling = 'none' | 'provincial' | 'national'
export type DemoDate = `${number}-${number}-${number}`

/** What the person does, so the seed can give them the right accounts and memberships. */
export type DemoRoleHint =
  | 'platform_admin'
  | 'maker'
  | 'founder'
  | 'lab_manager'
  | 'innovation_officer'
  | 'angel_investor'
  | 'space_operator'

export interface DemoPerson {
  readonly key: string
  readonly name: string
  readonly email: string
  readonly roleHint: DemoRoleHint
}

// Kept literal (as const) so the organisations and spaces below can only name people and
// organisations that exist: a typo is a type error rather than a seed that fails half-way.
const people = [
  { key: 'admin', name: '周敏', email: 'admin@demo.zhongchuang.cn', roleHint: 'platform_admin' },
  { key: 'chensiyuan', name: '陈思远', email: 'chensiyuan@demo.zhongchuang.cn', roleHint: 'maker' },
  {
    key: 'linxiaotong',
    name: '林晓彤',
    email: 'linxiaotong@demo.zhongchuang.cn',
    roleHint: 'maker',
  },
  {
    key: 'wanghaoran',
    name: '王浩然',
    email: 'wanghaoran@demo.zhongchuang.cn',
    roleHint: 'founder',
  },
  {
    key: 'zhaoyiming',
    name: '赵一鸣',
    email: 'zhaoyiming@demo.zhongchuang.cn',
    roleHint: 'founder',
  },
  { key: 'sunyaqi', name: '孙雅琪', email: 'sunyaqi@demo.zhongchuang.cn', roleHint: 'founder' },
  { key: 'tangxin', name: '唐鑫', email: 'tangxin@demo.zhongchuang.cn', roleHint: 'founder' },
  {
    key: 'liujianguo',
    name: '刘建国',
    email: 'liujianguo@demo.zhongchuang.cn',
    roleHint: 'lab_manager',
  },
  { key: 'hejing', name: '何静', email: 'hejing@demo.zhongchuang.cn', roleHint: 'lab_manager' },
  { key: 'yangfan', name: '杨帆', email: 'yangfan@demo.zhongchuang.cn', roleHint: 'lab_manager' },
  {
    key: 'zhanglixin',
    name: '张立新',
    email: 'zhanglixin@demo.zhongchuang.cn',
    roleHint: 'innovation_officer',
  },
  {
    key: 'huangjiahui',
    name: '黄佳慧',
    email: 'huangjiahui@demo.zhongchuang.cn',
    roleHint: 'innovation_officer',
  },
  {
    key: 'songwei',
    name: '宋伟',
    email: 'songwei@demo.zhongchuang.cn',
    roleHint: 'innovation_officer',
  },
  {
    key: 'zhengkai',
    name: '郑凯',
    email: 'zhengkai@demo.zhongchuang.cn',
    roleHint: 'angel_investor',
  },
  { key: 'wuting', name: '吴婷', email: 'wuting@demo.zhongchuang.cn', roleHint: 'angel_investor' },
  { key: 'majun', name: '马骏', email: 'majun@demo.zhongchuang.cn', roleHint: 'space_operator' },
] as const satisfies readonly DemoPerson[]

export type DemoPersonKey = (typeof people)[number]['key']
export const demoPeople: readonly DemoPerson[] = people

export interface DemoOrg {
  /** Also usable as the organisation's slug. */
  readonly key: string
  readonly type: DemoOrgType
  readonly name: string
  readonly nameEn: string
  readonly uscc: string
  readonly city: DemoCity
  readonly segments: readonly SegmentCode[]
  readonly verified: boolean
  readonly ownerKey: DemoPersonKey
  readonly memberKeys?: readonly DemoPersonKey[]
  readonly description: string
}

// Credit codes use the registration department and kind a real body of that type would have
// (91 企业, 12 事业单位, 52 民办非企业单位) and the district code of its city.
const orgs = [
  {
    key: 'qiheng-equipment',
    type: 'enterprise',
    name: '合肥启衡智能装备股份有限公司',
    nameEn: 'Hefei Qiheng Intelligent Equipment Co., Ltd.',
    uscc: makeUscc(1, { regionCode: '340104' }),
    city: '合肥',
    segments: ['2.1', '5.2'],
    verified: true,
    ownerKey: 'zhanglixin',
    description: '面向新能源汽车电池模组产线的智能装配与检测装备制造商，设有省级企业技术中心。',
  },
  {
    key: 'haichuan-pharma',
    type: 'enterprise',
    name: '成都海川生物医药集团有限公司',
    nameEn: 'Chengdu Haichuan Biopharmaceutical Group Co., Ltd.',
    uscc: makeUscc(2, { regionCode: '510107' }),
    city: '成都',
    segments: ['4.1', '4.2'],
    verified: true,
    ownerKey: 'huangjiahui',
    description:
      '以小分子创新药和高端制剂为主业的医药集团，通过开放创新中心对接高校和初创团队的早期项目。',
  },
  {
    key: 'cas-jiangnan',
    type: 'institute',
    name: '中国科学院江南先进材料研究所',
    nameEn: 'Jiangnan Institute of Advanced Materials, Chinese Academy of Sciences',
    uscc: makeUscc(3, { registrationDept: '1', orgKind: '2', regionCode: '320505' }),
    city: '苏州',
    segments: ['3.6', '3.4', '3.5'],
    verified: true,
    ownerKey: 'liujianguo',
    // 王浩然 left on 离岗创业 terms and keeps his place at the institute.
    memberKeys: ['wanghaoran'],
    description: '聚焦纳米功能材料与先进陶瓷的研究所，材料表征平台和中试线向社会开放共享。',
  },
  {
    key: 'bj-ubiquitous-computing',
    type: 'institute',
    name: '北京泛在智能计算研究院',
    nameEn: 'Beijing Institute of Ubiquitous Intelligent Computing',
    uscc: makeUscc(4, { registrationDept: '5', orgKind: '2', regionCode: '110108' }),
    city: '北京',
    segments: ['1.5', '1.4'],
    verified: true,
    ownerKey: 'songwei',
    description:
      '由区政府与高校共建的新型研发机构，研究大模型推理加速与边缘智能，并以作价入股方式推动成果转化。',
  },
  {
    key: 'qinchuan-tech-univ',
    type: 'university',
    name: '秦川理工大学',
    nameEn: 'Qinchuan University of Technology',
    uscc: makeUscc(5, { registrationDept: '1', orgKind: '2', regionCode: '610113' }),
    city: '西安',
    segments: ['2.2', '3.2'],
    verified: true,
    ownerKey: 'yangfan',
    description: '以航空装备和先进有色金属材料见长的理工科大学，建有多个省部级重点实验室。',
  },
  {
    key: 'qiantang-med-univ',
    type: 'university',
    name: '钱塘医科大学',
    nameEn: 'Qiantang Medical University',
    uscc: makeUscc(6, { registrationDept: '1', orgKind: '2', regionCode: '330106' }),
    city: '杭州',
    segments: ['4.1', '4.2'],
    verified: true,
    ownerKey: 'hejing',
    memberKeys: ['chensiyuan'],
    description: '以医学和生物医学工程为特色的高校，附属医院为师生的转化项目提供临床资源。',
  },
  {
    key: 'nanoge-materials',
    type: 'startup',
    name: '苏州纳格新材料科技有限公司',
    nameEn: 'Suzhou Nanoge New Materials Technology Co., Ltd.',
    uscc: makeUscc(7, { regionCode: '320505' }),
    city: '苏州',
    segments: ['3.6'],
    verified: true,
    ownerKey: 'wanghaoran',
    description:
      '从研究所走出的初创企业，开发用于动力电池隔膜的纳米陶瓷涂层材料，已向两家电池厂送样。',
  },
  {
    key: 'jushi-vision',
    type: 'startup',
    name: '深圳矩视智能科技有限公司',
    nameEn: 'Shenzhen Jushi Intelligent Technology Co., Ltd.',
    uscc: makeUscc(8, { regionCode: '440305' }),
    city: '深圳',
    segments: ['1.5', '2.1'],
    verified: true,
    ownerKey: 'zhaoyiming',
    description:
      '为电子制造产线提供基于深度学习的表面缺陷视觉检测系统，已在三条 SMT 产线上线运行。',
  },
  {
    key: 'weigou-robotics',
    type: 'startup',
    name: '深圳微构机器人科技有限公司',
    nameEn: 'Shenzhen Weigou Robotics Co., Ltd.',
    uscc: makeUscc(9, { regionCode: '440305' }),
    city: '深圳',
    segments: ['2.1'],
    verified: true,
    ownerKey: 'tangxin',
    description: '研发面向精密装配的柔性协作机械臂和力控末端执行器。',
  },
  {
    key: 'chengxi-bio',
    type: 'startup',
    name: '杭州澄析生物科技有限公司',
    nameEn: 'Hangzhou Chengxi Biotechnology Co., Ltd.',
    uscc: makeUscc(10, { regionCode: '330106' }),
    city: '杭州',
    segments: ['4.2', '4.1'],
    verified: true,
    ownerKey: 'sunyaqi',
    description:
      '基于微流控芯片开发肿瘤早筛液体活检试剂盒，核心技术来自钱塘医科大学的一项发明专利。',
  },
  {
    key: 'qimu-angel',
    type: 'investment_firm',
    name: '北京栖木天使投资管理有限公司',
    nameEn: 'Beijing Qimu Angel Investment Management Co., Ltd.',
    uscc: makeUscc(11, { regionCode: '110108' }),
    city: '北京',
    segments: ['1.5', '3.6', '9.1'],
    verified: true,
    ownerKey: 'zhengkai',
    description: '专注硬科技早期项目的天使投资机构，单笔投资一般在三百万元到一千万元之间。',
  },
  {
    key: 'shisui-ventures',
    type: 'investment_firm',
    name: '上海拾穗创业投资合伙企业（有限合伙）',
    nameEn: 'Shanghai Shisui Venture Capital Partnership (LP)',
    uscc: makeUscc(12, { regionCode: '310115' }),
    city: '上海',
    segments: ['4.1', '4.2'],
    verified: false,
    ownerKey: 'wuting',
    description: '投资生物医药和医疗器械种子轮、天使轮项目的创投基金。',
  },
  {
    key: 'nanshan-zhichuang',
    type: 'space_operator',
    name: '深圳市南山智创空间运营管理有限公司',
    nameEn: 'Shenzhen Nanshan Zhichuang Space Management Co., Ltd.',
    uscc: makeUscc(13, { regionCode: '440305' }),
    city: '深圳',
    segments: ['9.1', '1.5', '2.1'],
    verified: true,
    ownerKey: 'majun',
    description: '市场化运营人工智能与机器人方向专业化众创空间的管理公司。',
  },
  {
    key: 'guanggu-xinchuang',
    type: 'space_operator',
    name: '武汉光谷芯创空间运营管理有限公司',
    nameEn: 'Wuhan Optics Valley Xinchuang Space Management Co., Ltd.',
    uscc: makeUscc(14, { regionCode: '420111' }),
    city: '武汉',
    segments: ['1.2', '9.1'],
    verified: false,
    ownerKey: 'majun',
    description: '筹建面向集成电路设计团队的众创空间，计划提供共享 EDA 工具和多项目晶圆流片对接。',
  },
] as const satisfies readonly DemoOrg[]

type OrgLiteral = (typeof orgs)[number]
export type DemoOrgKey = OrgLiteral['key']
/** Organisations the demo lets run a space. */
export type DemoOperatorKey = Extract<
  OrgLiteral,
  { type: 'space_operator' | 'university' | 'institute' }
>['key']
/** Organisations that join a space as members are startups; makers join as people. */
export type DemoStartupKey = Extract<OrgLiteral, { type: 'startup' }>['key']
export const demoOrgs: readonly DemoOrg[] = orgs

/** A member is a startup or a maker, never both, as the database requires. */
export type DemoSpaceMember =
  | {
      readonly orgKey: DemoStartupKey
      readonly personKey?: undefined
      readonly stage: DemoStage
      readonly admittedOn: DemoDate
    }
  | {
      readonly personKey: DemoPersonKey
      readonly orgKey?: undefined
      readonly stage: DemoStage
      readonly admittedOn: DemoDate
    }

export interface DemoSpace {
  readonly slug: string
  readonly name: string
  readonly nameEn: string
  readonly operatorKey: DemoOperatorKey
  readonly segments: readonly SegmentCode[]
  readonly city: DemoCity
  readonly kind: DemoSpaceKind
  readonly filing: DemoFiling
  /** The 备案 文号 declared with a provincial or national filing, and whether it was checked. */
  readonly filingReference?: string
  readonly filingCheck?: 'declared' | 'verified'
  readonly description: string
  readonly services: readonly string[]
  readonly members: readonly DemoSpaceMember[]
}

export const demoSpaces: readonly DemoSpace[] = [
  {
    slug: 'jiangnan-new-materials',
    name: '江南新材料专业化众创空间',
    nameEn: 'Jiangnan New Materials Maker Space',
    operatorKey: 'cas-jiangnan',
    segments: ['3.6', '3.4', '3.7'],
    city: '苏州',
    kind: 'incubator',
    filing: 'national',
    filingReference: '国科火字〔2023〕146号',
    filingCheck: 'verified',
    description:
      '依托中国科学院江南先进材料研究所建设，面向纳米功能材料、先进陶瓷和复合材料方向的科研人员与创业团队。' +
      '入驻团队可使用研究所的材料表征平台和百公斤级中试线，把实验室成果做成样品并实现小批量供货。',
    services: ['检验检测', '大型仪器共享', '中试熟化', '知识产权布局', '创业辅导', '投融资对接'],
    members: [
      { orgKey: 'nanoge-materials', stage: 'incubator', admittedOn: '2023-04-17' },
      { personKey: 'linxiaotong', stage: 'nursery', admittedOn: '2025-09-01' },
    ],
  },
  {
    slug: 'nanshan-ai-robotics',
    name: '南山人工智能与机器人专业化众创空间',
    nameEn: 'Nanshan AI and Robotics Maker Space',
    operatorKey: 'nanshan-zhichuang',
    segments: ['1.5', '2.1'],
    city: '深圳',
    kind: 'accelerator',
    filing: 'provincial',
    filingReference: '粤科函高字〔2024〕1032号',
    description:
      '位于深圳南山，服务机器视觉、工业机器人和具身智能方向的团队。' +
      '空间与周边电子制造企业共建应用场景，提供算力、打样和供应链资源，帮助团队尽快拿到第一张产线订单。',
    services: ['算力资源', '样机打样', '供应链对接', '应用场景对接', '创业辅导', '投融资对接'],
    members: [
      { orgKey: 'jushi-vision', stage: 'accelerator', admittedOn: '2024-11-11' },
      { orgKey: 'weigou-robotics', stage: 'incubator', admittedOn: '2025-03-03' },
    ],
  },
  {
    slug: 'qiantang-biomed',
    name: '钱塘生物医药专业化众创空间',
    nameEn: 'Qiantang Biomedical Maker Space',
    operatorKey: 'qiantang-med-univ',
    segments: ['4.1', '4.2'],
    city: '杭州',
    kind: 'nursery',
    filing: 'none',
    description:
      '由钱塘医科大学技术转移中心运营，为师生和校友的生物医药、医疗器械项目提供预孵化。' +
      '空间对接附属医院的临床需求和伦理审查资源，并提供医疗器械注册申报辅导。',
    services: [
      '细胞与分子实验平台',
      '临床资源对接',
      '医疗器械注册辅导',
      '知识产权服务',
      '创业辅导',
    ],
    members: [
      { orgKey: 'chengxi-bio', stage: 'nursery', admittedOn: '2025-07-08' },
      { personKey: 'chensiyuan', stage: 'nursery', admittedOn: '2025-10-15' },
    ],
  },
]

export interface DemoThread {
  readonly subject: string
  readonly participantKeys: readonly DemoPersonKey[]
  readonly messages: readonly { authorKey: DemoPersonKey; body: string; at: DemoDate }[]
}

/** A conversation already under way, so the inbox is not empty on a fresh start. */
export const demoThreads: readonly DemoThread[] = [
  {
    subject: '材料表征平台的使用安排',
    participantKeys: ['liujianguo', 'linxiaotong'],
    messages: [
      {
        authorKey: 'liujianguo',
        body:
          '林老师好，欢迎入驻江南新材料众创空间。苗圃阶段的团队每月可预约 8 小时扫描电镜和 X 射线衍射仪机时，' +
          '首次上机前需参加一次安全培训。请回复您希望的培训时间。',
        at: '2025-09-03',
      },
    ],
  },
]

export interface DemoPayment {
  readonly payerKey: DemoPersonKey
  readonly payeeOrgKey: DemoOrgKey
  readonly description: string
  readonly lines: readonly { label: string; quantity: number; unitFen: number }[]
}

/** A testing order awaiting payment by bank transfer, so the money pages have something real. */
export const demoPayments: readonly DemoPayment[] = [
  {
    payerKey: 'linxiaotong',
    payeeOrgKey: 'cas-jiangnan',
    description: '扫描电镜形貌表征（氧化铝陶瓷基板）',
    lines: [
      { label: '场发射扫描电镜机时（小时）', quantity: 3, unitFen: 48_000 },
      { label: '样品喷金制样（个）', quantity: 2, unitFen: 6_000 },
    ],
  },
]

export interface DemoListing {
  /** The public URL's slug: stable, so pages and tests can link to a demo instrument. */
  readonly slug: string
  readonly orgKey: DemoOrgKey
  readonly name: string
  readonly category: EquipmentCategory
  /** The instrument type, a search/vocabulary.ts id. */
  readonly typeId: string
  readonly keywords: readonly string[]
  readonly manufacturer: string
  readonly model: string
  readonly specs: readonly Spec[]
  readonly city: DemoCity
  readonly address: string
  readonly segments: readonly SegmentCode[]
  readonly accreditations: readonly Accreditation[]
  readonly serviceModes: readonly ServiceMode[]
  readonly priceList: PriceListInput
  readonly unitMinutes: number
  readonly minUnits: number
  readonly maxUnits: number
  readonly leadTimeHours: number
  readonly changeoverMinutes: number
  readonly samplesPerDay: number | null
  readonly openingHours: OpeningHours
  readonly instantBooking: boolean
  readonly memberPricing: boolean
  readonly vouchersAccepted: boolean
}

const workdays = (hours: [string, string][]): OpeningHours => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
})

/**
 * Published instruments, so the equipment market and its search have something real: a CNAS
 * accredited SEM, an XRD whose CMA certificate has lapsed (shown, but not counted), and an
 * enterprise's 3D printer booked by the hour or day.
 */
export const demoListings: readonly DemoListing[] = [
  {
    slug: 'cas-jiangnan-fe-sem',
    orgKey: 'cas-jiangnan',
    name: '场发射扫描电子显微镜',
    typeId: 'sem',
    keywords: ['断口分析', '能谱分析', '形貌观察'],
    category: 'testing_inspection',
    manufacturer: '蔡司 ZEISS',
    model: 'GeminiSEM 300',
    specs: [
      { key: '分辨率', value: '0.7（15 kV）/ 1.2（1 kV）', unit: 'nm' },
      { key: '加速电压', value: '0.02–30', unit: 'kV' },
      { key: '放大倍数', value: '12–2,000,000', unit: '×' },
      { key: '探测器', value: 'Inlens 二次电子、背散射电子（BSD）', unit: '' },
      { key: '能谱仪', value: '牛津 Ultim Max 65 EDS', unit: '' },
      { key: '最大样品尺寸', value: '直径 100，高 40', unit: 'mm' },
    ],
    city: '苏州',
    address: '苏州工业园区若水路 398 号 材料表征平台 B 楼 102 室',
    segments: ['3.6', '3.5'],
    accreditations: [{ kind: 'CNAS', certificateNo: 'CNAS L12873', expiresOn: '2029-06-30' }],
    serviceModes: ['operator_run', 'sample_testing'],
    priceList: {
      blocks: {
        hour: { priceFen: 48_000, memberPriceFen: 38_000 },
        half_day: { hours: 4, priceFen: 168_000, memberPriceFen: 136_000 },
        sample: { priceFen: 30_000 },
      },
      minHours: 1,
      maxHours: 8,
      depositFen: 0,
      cancellation: { freeUntilHours: 24, lateFeeBp: 2_000 },
    },
    unitMinutes: 60,
    minUnits: 1,
    maxUnits: 8,
    leadTimeHours: 24,
    changeoverMinutes: 30,
    samplesPerDay: 12,
    openingHours: workdays([
      ['09:00', '12:00'],
      ['13:30', '17:30'],
    ]),
    instantBooking: false,
    memberPricing: true,
    vouchersAccepted: true,
  },
  {
    slug: 'qinchuan-xrd-d8',
    orgKey: 'qinchuan-tech-univ',
    name: 'X射线衍射仪',
    typeId: 'xrd',
    keywords: ['物相分析', '晶粒尺寸', '残余应力'],
    category: 'testing_inspection',
    manufacturer: '布鲁克 Bruker',
    model: 'D8 ADVANCE',
    specs: [
      { key: 'X 射线管', value: 'Cu 靶，最大功率 2.2', unit: 'kW' },
      { key: '测角仪半径', value: '280', unit: 'mm' },
      { key: '2θ 扫描范围', value: '-110 – 168', unit: '°' },
      { key: '最小步长', value: '0.0001', unit: '°' },
      { key: '探测器', value: 'LYNXEYE XE-T 一维阵列探测器', unit: '' },
    ],
    city: '西安',
    address: '西安市雁塔区秦川科技大学分析测试中心 3 楼',
    segments: ['3.6'],
    // Lapsed: the page shows it with a warning, and the listing does not count as accredited.
    accreditations: [{ kind: 'CMA', certificateNo: '210012345678', expiresOn: '2025-03-31' }],
    serviceModes: ['sample_testing'],
    priceList: {
      blocks: { sample: { priceFen: 26_000 } },
      minSamples: 1,
      maxSamples: 20,
      depositFen: 0,
      cancellation: { freeUntilHours: 48, lateFeeBp: 0 },
    },
    unitMinutes: 60,
    minUnits: 1,
    maxUnits: 4,
    leadTimeHours: 0,
    changeoverMinutes: 0,
    samplesPerDay: 30,
    openingHours: workdays([['08:30', '17:00']]),
    instantBooking: false,
    memberPricing: false,
    vouchersAccepted: true,
  },
  {
    slug: 'qiheng-sla-3d-printer',
    orgKey: 'qiheng-equipment',
    name: '工业级光固化 3D 打印机',
    typeId: 'sla',
    keywords: ['手板', '快速原型', '光敏树脂'],
    category: 'prototyping',
    manufacturer: '联泰科技 UnionTech',
    model: 'Lite 600HD',
    specs: [
      { key: '成型尺寸', value: '600 × 600 × 400', unit: 'mm' },
      { key: '层厚', value: '0.05–0.25', unit: 'mm' },
      { key: '激光器', value: '固体激光器，波长 355', unit: 'nm' },
      { key: '材料', value: '光敏树脂（白色 / 半透明 / 耐高温）', unit: '' },
    ],
    city: '合肥',
    address: '合肥市高新区习友路 2666 号 启衡智造园 5 号厂房',
    segments: ['2.1'],
    accreditations: [],
    serviceModes: ['self_service', 'operator_run'],
    priceList: {
      blocks: {
        hour: { priceFen: 15_000 },
        day: { hours: 8, priceFen: 98_000 },
      },
      minHours: 2,
      maxHours: 48,
      depositFen: 200_000,
      cancellation: { freeUntilHours: 48, lateFeeBp: 3_000 },
    },
    unitMinutes: 60,
    minUnits: 2,
    maxUnits: 48,
    leadTimeHours: 4,
    changeoverMinutes: 60,
    samplesPerDay: null,
    openingHours: {
      ...workdays([['08:00', '20:00']]),
      sat: [['09:00', '17:00']],
    },
    instantBooking: true,
    memberPricing: false,
    vouchersAccepted: false,
  },
]

export interface DemoVoucher {
  readonly orgKey: DemoStartupKey
  readonly issuer: string
  readonly reference: string
  readonly amountFen: number
  readonly expiresOn: DemoDate
}

/** Innovation vouchers (创新券) the science bureaus granted the demo startups. */
export const demoVouchers: readonly DemoVoucher[] = [
  {
    orgKey: 'nanoge-materials',
    issuer: '苏州工业园区科技创新委员会',
    reference: 'SIP-CXQ-2026-0318',
    amountFen: 2_000_000,
    expiresOn: '2027-06-30',
  },
  {
    orgKey: 'weigou-robotics',
    issuer: '深圳市科技创新局',
    reference: 'SZ-KJCXQ-2026-1102',
    amountFen: 500_000,
    expiresOn: '2027-03-31',
  },
]

export interface DemoChallenge {
  readonly slug: string
  readonly orgKey: DemoOrgKey
  readonly title: string
  readonly summary: string
  readonly details: string
  readonly segments: readonly SegmentCode[]
  readonly type: 'rd_task' | 'prototype' | 'testing_task' | 'ideation'
  readonly solicitation: 'open' | 'jiebang'
  /** A fixed award, or a budget range bids are priced within (fen). */
  readonly award: { fixedFen: number } | { minFen: number; maxFen: number }
  /** Days from seeding to each deadline. */
  readonly bidInDays: number
  readonly awardInDays: number
  readonly deliveryInDays: number
  readonly ipTerms: 'transfer' | 'exclusive_licence' | 'nonexclusive_licence' | 'solver_keeps'
  /** The organisation's NDA (version 1) when the details are confidential. */
  readonly nda?: { readonly title: string; readonly body: string }
  readonly eligibility: 'anyone' | 'verified_orgs'
}

// Innovation challenges: one 揭榜挂帅 (apply first), one behind an NDA, one open call with a
// fixed award.
export const demoChallenges: readonly DemoChallenge[] = [
  {
    slug: 'ch-battery-weld-inspection',
    orgKey: 'qiheng-equipment',
    title: '动力电池模组激光焊接质量在线检测',
    summary:
      '面向新能源汽车电池模组产线，征集能在 6 秒节拍内识别极耳虚焊、漏焊和飞溅的在线检测方案，需适配现有激光焊接工位，误判率低于 0.5%。',
    details:
      '现有工位：光纤激光器 3 kW，极耳厚度 0.3 mm（铝/铜）。目前依赖离线抽检拉力试验，漏检导致下游返工。验收：连续 3 个班次在线运行，漏检 0 件、误判率 < 0.5%；提供检测算法、硬件清单和安装调试服务。',
    segments: ['2.1', '5.2'],
    type: 'rd_task',
    solicitation: 'jiebang',
    award: { fixedFen: 80_000_000 },
    bidInDays: 21,
    awardInDays: 35,
    deliveryInDays: 150,
    ipTerms: 'exclusive_licence',
    eligibility: 'verified_orgs',
  },
  {
    slug: 'ch-oral-film-formulation',
    orgKey: 'haichuan-pharma',
    title: '口溶膜制剂载药量提升与稳定性改进',
    summary:
      '寻求将口溶膜载药量提高到 30 mg/片以上、同时保持 24 个月稳定性的处方与工艺方案，适用于一个已上市小分子药物的儿童剂型开发。',
    details:
      '原料药为 BCS II 类，当前处方载药量 12 mg/片，成膜材料为 HPMC E5 与普鲁兰多糖。加速试验 6 个月有关物质超限。需提供处方筛选数据、放大到 300 mm 幅宽涂布机的工艺参数。',
    segments: ['4.1'],
    type: 'prototype',
    solicitation: 'open',
    award: { minFen: 30_000_000, maxFen: 60_000_000 },
    bidInDays: 30,
    awardInDays: 45,
    deliveryInDays: 240,
    ipTerms: 'transfer',
    nda: {
      title: '海川医药技术资料保密协议',
      body: '一、接收方对海川医药就本挑战披露的全部技术资料（含处方、工艺、质量数据）负有保密义务，仅可用于评估和参与本挑战。\n二、未经书面同意，不得向任何第三方披露，亦不得用于其他项目。\n三、保密期限自接受之日起五年。\n四、违约方应赔偿由此造成的全部损失。',
    },
    eligibility: 'anyone',
  },
  {
    slug: 'ch-agv-obstacle-ideas',
    orgKey: 'qiheng-equipment',
    title: '厂内 AGV 低矮障碍物识别创意征集',
    summary:
      '装配车间 AGV 常被地面散落的线束、托盘边角等低矮障碍物卡停。征集低成本的识别与避障创意，可以是传感器组合、算法或工装改造。',
    details:
      'AGV 采用激光 SLAM 导航，车身离地 40 mm，速度 1.2 m/s。优选方案将被邀请到合肥工厂做样机验证。',
    segments: ['2.1'],
    type: 'ideation',
    solicitation: 'open',
    award: { fixedFen: 5_000_000 },
    bidInDays: 5,
    awardInDays: 15,
    deliveryInDays: 45,
    ipTerms: 'nonexclusive_licence',
    eligibility: 'anyone',
  },
]
