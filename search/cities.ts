// Chinese cities (prefecture level and above) where labs, spaces and makers are, in Chinese and in
// pinyin/English, so that a query naming one ("XRD 苏州", "Suzhou SEM") can be read as a city
// filter. Offerings store a city as its short Chinese name ("苏州", not "苏州市").
export type City = {
  /** The short Chinese name, as offerings store it. */
  zh: string
  /** Pinyin/English name; where two cities share one, the province is added and the bare name is not recognised. */
  en: string
  /** Further Latin spellings people type. */
  aliases?: string[]
}

// Cities whose names are also everyday words (开封 "to unseal", 安康 "well-being", 白银
// "silver", 长治 "long rule") are left out: a query naming them is rarely about the city.
export const cities: City[] = [
  // Municipalities
  { zh: '北京', en: 'Beijing', aliases: ['Peking'] },
  { zh: '上海', en: 'Shanghai' },
  { zh: '天津', en: 'Tianjin' },
  { zh: '重庆', en: 'Chongqing' },
  // Provincial capitals and sub-provincial cities
  { zh: '石家庄', en: 'Shijiazhuang' },
  { zh: '太原', en: 'Taiyuan' },
  { zh: '呼和浩特', en: 'Hohhot' },
  { zh: '沈阳', en: 'Shenyang' },
  { zh: '大连', en: 'Dalian' },
  { zh: '长春', en: 'Changchun' },
  { zh: '哈尔滨', en: 'Harbin' },
  { zh: '南京', en: 'Nanjing', aliases: ['Nanking'] },
  { zh: '杭州', en: 'Hangzhou' },
  { zh: '宁波', en: 'Ningbo' },
  { zh: '合肥', en: 'Hefei' },
  { zh: '福州', en: 'Fuzhou' },
  { zh: '厦门', en: 'Xiamen', aliases: ['Amoy'] },
  { zh: '南昌', en: 'Nanchang' },
  { zh: '济南', en: 'Jinan' },
  { zh: '青岛', en: 'Qingdao', aliases: ['Tsingtao'] },
  { zh: '郑州', en: 'Zhengzhou' },
  { zh: '武汉', en: 'Wuhan' },
  { zh: '长沙', en: 'Changsha' },
  { zh: '广州', en: 'Guangzhou', aliases: ['Canton'] },
  { zh: '深圳', en: 'Shenzhen' },
  { zh: '南宁', en: 'Nanning' },
  { zh: '海口', en: 'Haikou' },
  { zh: '成都', en: 'Chengdu' },
  { zh: '贵阳', en: 'Guiyang' },
  { zh: '昆明', en: 'Kunming' },
  { zh: '拉萨', en: 'Lhasa' },
  { zh: '西安', en: "Xi'an", aliases: ['Xian'] },
  { zh: '兰州', en: 'Lanzhou' },
  { zh: '西宁', en: 'Xining' },
  { zh: '银川', en: 'Yinchuan' },
  { zh: '乌鲁木齐', en: 'Urumqi' },
  // Jiangsu
  { zh: '苏州', en: 'Suzhou' },
  { zh: '无锡', en: 'Wuxi' },
  { zh: '常州', en: 'Changzhou' },
  { zh: '南通', en: 'Nantong' },
  { zh: '扬州', en: 'Yangzhou' },
  { zh: '镇江', en: 'Zhenjiang' },
  { zh: '泰州', en: 'Taizhou, Jiangsu' },
  { zh: '徐州', en: 'Xuzhou' },
  { zh: '盐城', en: 'Yancheng' },
  { zh: '淮安', en: "Huai'an", aliases: ['Huaian'] },
  { zh: '连云港', en: 'Lianyungang' },
  { zh: '宿迁', en: 'Suqian' },
  // Zhejiang
  { zh: '温州', en: 'Wenzhou' },
  { zh: '嘉兴', en: 'Jiaxing' },
  { zh: '湖州', en: 'Huzhou' },
  { zh: '绍兴', en: 'Shaoxing' },
  { zh: '金华', en: 'Jinhua' },
  { zh: '台州', en: 'Taizhou, Zhejiang' },
  { zh: '衢州', en: 'Quzhou' },
  { zh: '舟山', en: 'Zhoushan' },
  { zh: '丽水', en: 'Lishui' },
  // Anhui
  { zh: '芜湖', en: 'Wuhu' },
  { zh: '蚌埠', en: 'Bengbu' },
  { zh: '马鞍山', en: "Ma'anshan", aliases: ['Maanshan'] },
  { zh: '安庆', en: 'Anqing' },
  { zh: '滁州', en: 'Chuzhou' },
  { zh: '宿州', en: 'Suzhou, Anhui' },
  { zh: '阜阳', en: 'Fuyang' },
  // Fujian
  { zh: '泉州', en: 'Quanzhou' },
  { zh: '漳州', en: 'Zhangzhou' },
  { zh: '莆田', en: 'Putian' },
  // Jiangxi
  { zh: '赣州', en: 'Ganzhou' },
  { zh: '九江', en: 'Jiujiang' },
  { zh: '景德镇', en: 'Jingdezhen' },
  // Shandong
  { zh: '烟台', en: 'Yantai' },
  { zh: '潍坊', en: 'Weifang' },
  { zh: '淄博', en: 'Zibo' },
  { zh: '威海', en: 'Weihai' },
  { zh: '济宁', en: 'Jining' },
  { zh: '临沂', en: 'Linyi' },
  { zh: '东营', en: 'Dongying' },
  // Henan
  { zh: '洛阳', en: 'Luoyang' },
  { zh: '新乡', en: 'Xinxiang' },
  { zh: '南阳', en: 'Nanyang' },
  { zh: '许昌', en: 'Xuchang' },
  // Hubei
  { zh: '宜昌', en: 'Yichang' },
  { zh: '襄阳', en: 'Xiangyang' },
  { zh: '十堰', en: 'Shiyan' },
  // Hunan
  { zh: '株洲', en: 'Zhuzhou' },
  { zh: '湘潭', en: 'Xiangtan' },
  { zh: '衡阳', en: 'Hengyang' },
  { zh: '岳阳', en: 'Yueyang' },
  // Guangdong
  { zh: '东莞', en: 'Dongguan' },
  { zh: '佛山', en: 'Foshan' },
  { zh: '珠海', en: 'Zhuhai' },
  { zh: '中山', en: 'Zhongshan' },
  { zh: '惠州', en: 'Huizhou' },
  { zh: '江门', en: 'Jiangmen' },
  { zh: '汕头', en: 'Shantou' },
  { zh: '湛江', en: 'Zhanjiang' },
  { zh: '肇庆', en: 'Zhaoqing' },
  // Guangxi, Hainan
  { zh: '柳州', en: 'Liuzhou' },
  { zh: '桂林', en: 'Guilin' },
  { zh: '三亚', en: 'Sanya' },
  // Sichuan, Chongqing area, Guizhou, Yunnan
  { zh: '绵阳', en: 'Mianyang' },
  { zh: '德阳', en: 'Deyang' },
  { zh: '宜宾', en: 'Yibin' },
  { zh: '遵义', en: 'Zunyi' },
  { zh: '曲靖', en: 'Qujing' },
  // Shaanxi, Gansu, Ningxia, Xinjiang, Inner Mongolia
  { zh: '宝鸡', en: 'Baoji' },
  { zh: '咸阳', en: 'Xianyang' },
  { zh: '榆林', en: 'Yulin' },
  { zh: '天水', en: 'Tianshui' },
  { zh: '包头', en: 'Baotou' },
  { zh: '鄂尔多斯', en: 'Ordos' },
  { zh: '克拉玛依', en: 'Karamay' },
  // Hebei, Shanxi
  { zh: '保定', en: 'Baoding' },
  { zh: '唐山', en: 'Tangshan' },
  { zh: '廊坊', en: 'Langfang' },
  { zh: '邯郸', en: 'Handan' },
  { zh: '沧州', en: 'Cangzhou' },
  { zh: '大同', en: 'Datong' },
  // Northeast
  { zh: '鞍山', en: 'Anshan' },
  { zh: '吉林', en: 'Jilin City' },
  { zh: '大庆', en: 'Daqing' },
  { zh: '齐齐哈尔', en: 'Qiqihar' },
]

const byZh = new Map(cities.map((c) => [c.zh, c]))
const latinKey = (s: string) => s.toLowerCase().replace(/[’'\s-]/g, '')

// A Latin name with the province added ("Suzhou, Anhui") is a label only: the bare name belongs
// to the better-known city, and a name two cities share bare would name neither.
const byLatin = new Map<string, City>()
{
  const owners = new Map<string, Set<string>>()
  for (const c of cities)
    for (const n of [c.en, ...(c.aliases ?? [])])
      if (!n.includes(','))
        owners.set(latinKey(n), (owners.get(latinKey(n)) ?? new Set()).add(c.zh))
  for (const c of cities)
    for (const n of [c.en, ...(c.aliases ?? [])])
      if (!n.includes(',') && owners.get(latinKey(n))?.size === 1) byLatin.set(latinKey(n), c)
}

/** The city a single name means ("苏州", "苏州市", "Suzhou", "xian"), if it is one we know. */
export function cityNamed(name: string): City | undefined {
  const s = name.trim()
  if (/\p{Script=Han}/u.test(s)) return byZh.get(s.endsWith('市') ? s.slice(0, -1) : s)
  return byLatin.get(latinKey(s))
}

/**
 * A city as offerings store it: a known city by its short Chinese name ("苏州市", "Suzhou" →
 * 苏州); any other Chinese name without its 市 suffix; anything else as typed.
 */
export function normaliseCity(name: string): string {
  const s = name.trim()
  const known = cityNamed(s)
  if (known) return known.zh
  return /^\p{Script=Han}{2,}市$/u.test(s) ? s.slice(0, -1) : s
}

/** The city's name in the reader's language; a city we do not know keeps its stored name. */
export function cityLabel(zh: string, lng: string): string {
  if (lng !== 'en') return zh
  return byZh.get(zh)?.en ?? zh
}
