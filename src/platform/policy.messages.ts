// Policy rules in words: each rule's name, its unit, and its value read as a person would say it,
// never as JSON. The key, value and unit stay in the data; these are only how they read.
import { fraction, yuan } from './i18n/format.ts';
import { defineMessages, words, type Localized, type Words } from './i18n/messages.ts';
import { yuanToFen, type Fraction } from './money.ts';

export const ruleNames = defineMessages({
  'rule.eligibility.built_before': { 'zh-CN': '改造对象建成年限', en: 'Eligible if built before' },
  'rule.consent.renovation.threshold': { 'zh-CN': '居民同意改造率', en: 'Residents’ consent to renovation' },
  'rule.consent.plan_approval.threshold': { 'zh-CN': '改造方案认可率', en: 'Residents’ approval of the plan' },
  'rule.consent.proxy.max_mandates': { 'zh-CN': '每位受托人最多代投户数', en: 'Households one proxy may vote for' },
  'rule.funding.subsidy_cap_per_m2': { 'zh-CN': '市、区两级财政补助上限', en: 'City and district subsidy cap' },
  'rule.funding.resident_share_max': { 'zh-CN': '居民出资比例上限', en: 'Residents’ share of the cost, at most' },
  'rule.funding.resident_channels': { 'zh-CN': '居民出资渠道', en: 'Channels of residents’ funds' },
  'rule.funding.city_district_split': { 'zh-CN': '市、区补助分担比例', en: 'City and district split of the subsidy' },
  'rule.property.subsidy_cap_per_m2_month': { 'zh-CN': '物业服务补助上限', en: 'Property-service subsidy cap' },
  'rule.satisfaction.tiers': { 'zh-CN': '满意度分档赋分', en: 'Satisfaction tiers and their scores' },
  'rule.satisfaction.satisfied': { 'zh-CN': '计为满意的答案', en: 'Answers counted as satisfied' },
  'rule.assessment.scheme': { 'zh-CN': '年度考核指标体系', en: 'Annual assessment scheme' },
  'rule.sampling.survey': { 'zh-CN': '抽样调查设计', en: 'Sample survey design' },
  'rule.residents.binding.second_verifier': { 'zh-CN': '居民绑定须第二人核验', en: 'A second person verifies resident binding' },
  'rule.consent.revote.default': { 'zh-CN': '默认改投规则', en: 'Default revote policy' },
  'rule.smart.device_profiles': { 'zh-CN': '设备类型与告警规则', en: 'Device profiles and alarm rules' },
  'rule.smart.alarm_sla': { 'zh-CN': '告警确认时限与逐级上报', en: 'Alarm acknowledgement times and escalation' },
  'rule.smart.event_retention_days': { 'zh-CN': '设备事件保存期限', en: 'Device events kept for' },
  'rule.smart.keyperson_retention_days': { 'zh-CN': '重点人员预警保存期限', en: 'Watch-list alerts kept for' },
  'rule.smart.ingest_limits': { 'zh-CN': '设备上报限制', en: 'Limits on device messages' },
  'rule.grid.categories': { 'zh-CN': '网格事件分类', en: 'Grid event categories' },
  'rule.grid.event_sla': { 'zh-CN': '网格事件各环节办理时限', en: 'Time allowed at each step of a grid event' },
  'rule.grid.reopen_days': { 'zh-CN': '办结后可提出异议的期限', en: 'Days a closed grid event may be disputed' },
  'rule.grid.escalation': { 'zh-CN': '网格事件分级上报', en: 'Escalation of grid events by level' },
  'rule.exchange.signature_window_seconds': { 'zh-CN': '平台请求签名时间窗口', en: 'Time window of platform request signatures' },
  'rule.grid.alarm_handover': { 'zh-CN': '未处置告警转网格事件', en: 'Unhandled alarms handed over as grid events' },
  'rule.services.catalogue': { 'zh-CN': '居家服务类别与所需资质', en: 'Kinds of home care service and their qualifications' },
  'rule.services.matching': { 'zh-CN': '服务派单排序权重', en: 'How service orders are matched to providers' },
  'rule.services.dispatch': { 'zh-CN': '自动派单接单时限', en: 'Automatic dispatch: time to answer an offer' },
  'rule.services.subsidies': { 'zh-CN': '居家服务补助标准', en: 'Home care service subsidies' },
  'rule.passage.credential_ttl_seconds': { 'zh-CN': '居民通行码有效时长', en: 'How long a resident access code lasts' },
  'rule.passage.visitor_pass_max_days': { 'zh-CN': '访客通行证最长有效天数', en: 'Longest visitor pass, in days' },
  'rule.parking.tariff': { 'zh-CN': '停车收费标准', en: 'Parking tariff' },
  'rule.property.subsidy_min_satisfaction_percent': {
    'zh-CN': '物业服务补助的满意度档次下限',
    en: 'Lowest satisfaction tier for the property-service subsidy',
  },
  'rule.market.space_grant_reminder_days': { 'zh-CN': '公共空间使用权到期提前提醒天数', en: 'Days before a space grant ends to remind' },
  'rule.repairs.categories': { 'zh-CN': '物业报修分类与维修时限', en: 'Property repair categories and their due times' },
  'rule.repairs.rating_days': { 'zh-CN': '维修完成后可评价的期限', en: 'Days a finished repair may be rated' },
  'rule.community.canteen_booking': { 'zh-CN': '社区食堂供餐时间与预订截止', en: 'Canteen meal times and booking cut-off' },
  'rule.community.meal_subsidy': { 'zh-CN': '老年人助餐补贴', en: 'Meal subsidy for older residents' },
  'rule.community.elder_age': { 'zh-CN': '“老年人”通知对象年龄', en: 'Age of the “elders” notice group' },
  'rule.community.commerce_radius_m': { 'zh-CN': '周边商户展示范围', en: 'Radius of shops listed near a compound' },
  'rule.livingcircle.walk': { 'zh-CN': '15 分钟生活圈步行时间与步速', en: 'Walking time and speed of the 15-minute living circle' },
  'rule.livingcircle.detour_factor': { 'zh-CN': '步行绕行系数', en: 'Walking detour factor' },
  'rule.livingcircle.service_standards': { 'zh-CN': '生活圈服务设施配置标准', en: 'Service standards of the living circle' },
  'rule.livingcircle.space_matching': {
    'zh-CN': '空间资源匹配条件（范围、用途与最小面积）',
    en: 'Matching space resources to gaps (radius, use, least area)',
  },
  // Figures a bureau can trust (issue 16, item 3).
  'rule.outcomes.area_plausibility': { 'zh-CN': '成效面积合理性上限', en: 'Plausibility cap on outcome areas' },
  'rule.stats.sharp_change': { 'zh-CN': '总览数字大幅变化提示', en: 'Sharp changes marked on the overview' },
  // Clusters (issue 15, item 5).
  'rule.livingcircle.cluster_neighbour_m': {
    'zh-CN': '片区建议：相邻小区的最远距离',
    en: 'Clusters: farthest distance between neighbours',
  },
  'rule.livingcircle.cluster_max_compounds': { 'zh-CN': '片区建议：每个片区最多小区数', en: 'Clusters: most compounds in one cluster' },
  'rule.livingcircle.future_community_scenarios': { 'zh-CN': '未来社区九大场景清单', en: 'The nine future-community scenarios' },
});

const units: Record<string, Localized> = {
  date: { 'zh-CN': '', en: '' },
  boolean: { 'zh-CN': '', en: '' },
  'revote policy': { 'zh-CN': '', en: '' },
  'yuan/m2': { 'zh-CN': '元/平方米', en: 'yuan per m²' },
  'yuan/m2/month': { 'zh-CN': '元/平方米·月', en: 'yuan per m² a month' },
  'share of renovation cost': { 'zh-CN': '改造成本', en: 'of the renovation cost' },
  'households per proxy holder': { 'zh-CN': '户/受托人', en: 'households per proxy holder' },
  days: { 'zh-CN': '天', en: 'days' },
  seconds: { 'zh-CN': '秒', en: 'seconds' },
  'fen per order': { 'zh-CN': '分/单', en: 'fen per order' },
  percent: { 'zh-CN': '%', en: '%' },
  years: { 'zh-CN': '周岁', en: 'years' },
  metres: { 'zh-CN': '米', en: 'metres' },
  'walking distance to straight-line distance': { 'zh-CN': '（步行距离/直线距离）', en: 'walking to straight-line distance' },
  'metres walking': { 'zh-CN': '米（步行）', en: 'metres walking' },
  "share of the project's floor area": { 'zh-CN': '', en: '' },
  'change against the previous month': { 'zh-CN': '', en: '' },
  compounds: { 'zh-CN': '个小区', en: 'compounds' },
};

const codeWords: Record<string, Localized> = {
  housing_maintenance_fund: { 'zh-CN': '住宅专项维修资金', en: 'housing maintenance fund' },
  common_revenue: { 'zh-CN': '小区公共收益', en: 'common revenue' },
  personal_donation: { 'zh-CN': '个人捐资', en: 'personal donations' },
  eligible_households: { 'zh-CN': '有表决权户数', en: 'eligible households' },
  very_satisfied: { 'zh-CN': '满意', en: 'very satisfied' },
  satisfied: { 'zh-CN': '比较满意', en: 'satisfied' },
  basically_satisfied: { 'zh-CN': '基本满意', en: 'basically satisfied' },
  city: { 'zh-CN': '市级', en: 'city' },
  district: { 'zh-CN': '区级', en: 'district' },
  // Grid events (grid.event_sla, grid.escalation).
  default: { 'zh-CN': '默认', en: 'default' },
  groups: { 'zh-CN': '按事件大类', en: 'by group' },
  reported: { 'zh-CN': '待接收', en: 'reported' },
  accepted: { 'zh-CN': '处理中', en: 'accepted' },
  handled: { 'zh-CN': '待审核', en: 'handled' },
  reviewed: { 'zh-CN': '待办结审核', en: 'reviewed' },
  disputed: { 'zh-CN': '异议审核', en: 'disputed' },
  safety: { 'zh-CN': '安全', en: 'safety' },
  care: { 'zh-CN': '关爱', en: 'care' },
  facility: { 'zh-CN': '设施', en: 'facilities' },
  environment: { 'zh-CN': '环境', en: 'environment' },
  order: { 'zh-CN': '秩序', en: 'public order' },
  levels: { 'zh-CN': '层级', en: 'levels' },
  grid: { 'zh-CN': '网格', en: 'grid' },
  community: { 'zh-CN': '社区', en: 'community' },
  subdistrict: { 'zh-CN': '街道', en: 'subdistrict' },
  graceSeconds: { 'zh-CN': '超时宽限秒数', en: 'grace seconds past the time' },
  levelSeconds: { 'zh-CN': '各级办理秒数', en: 'seconds each level gets' },
  // Home care services (services.matching, services.dispatch).
  maxDistanceM: { 'zh-CN': '最远距离（米）', en: 'farthest distance (m)' },
  weights: { 'zh-CN': '权重', en: 'weights' },
  distance: { 'zh-CN': '距离', en: 'distance' },
  capacity: { 'zh-CN': '时段余量', en: 'free capacity' },
  rating: { 'zh-CN': '评分', en: 'rating' },
  preference: { 'zh-CN': '老人偏好', en: 'preferences' },
  offerSeconds: { 'zh-CN': '接单时限（秒）', en: 'seconds to answer an offer' },
  maxOffers: { 'zh-CN': '最多派单家数', en: 'offers at most' },
  noShowGraceMinutes: { 'zh-CN': '爽约判定（分钟）', en: 'minutes before a no-show' },
  // Parking (parking.tariff): amounts kept in fen, read in yuan (see valueWords).
  freeMinutes: { 'zh-CN': '免费分钟数', en: 'free minutes' },
  perHourFen: { 'zh-CN': '每小时（元）', en: 'per hour (yuan)' },
  dayCapFen: { 'zh-CN': '每日封顶（元）', en: 'cap per day (yuan)' },
  monthlyPassFen: { 'zh-CN': '月卡（元）', en: 'monthly pass (yuan)' },
  // Satisfaction and sampling (satisfaction.tiers, satisfaction.satisfied, sampling.survey).
  min_percent: { 'zh-CN': '满意率不低于（%）', en: 'satisfied at least (%)' },
  score_share: { 'zh-CN': '得分比例', en: 'share of the score' },
  question_id: { 'zh-CN': '所依据的题目', en: 'question' },
  overall: { 'zh-CN': '总体满意度', en: 'overall satisfaction' },
  satisfied_codes: { 'zh-CN': '计为满意的答案', en: 'answers counted as satisfied' },
  z: { 'zh-CN': '置信系数', en: 'z-score' },
  decimals: { 'zh-CN': '保留小数位', en: 'decimals' },
  min_per_stratum: { 'zh-CN': '每层最少样本', en: 'fewest per stratum' },
  confidence_percent: { 'zh-CN': '置信水平（%）', en: 'confidence (%)' },
  // Device messages (smart.ingest_limits) and alarms (smart.alarm_sla).
  maxPastDays: { 'zh-CN': '最早可补报天数', en: 'days back at most' },
  maxBatchEvents: { 'zh-CN': '每批最多事件数', en: 'events per batch at most' },
  maxMessageBytes: { 'zh-CN': '每条消息最大字节数', en: 'bytes per message at most' },
  severities: { 'zh-CN': '按告警级别', en: 'by severity' },
  major: { 'zh-CN': '重要', en: 'major' },
  critical: { 'zh-CN': '紧急', en: 'critical' },
  minor: { 'zh-CN': '一般', en: 'minor' },
  sms: { 'zh-CN': '短信', en: 'SMS' },
  warning: { 'zh-CN': '提示', en: 'warning' },
  acknowledgeSeconds: { 'zh-CN': '确认时限（秒）', en: 'seconds to acknowledge' },
  remindSeconds: { 'zh-CN': '提醒间隔（秒）', en: 'seconds between reminders' },
  compound: { 'zh-CN': '小区', en: 'compound' },
  // Revote policies (consent.revote.default) and yes/no values.
  none: { 'zh-CN': '投票后不可更改', en: 'no revote' },
  last_counts: { 'zh-CN': '截止前以最后一次为准', en: 'the last vote before closing counts' },
  true: { 'zh-CN': '是', en: 'yes' },
  false: { 'zh-CN': '否', en: 'no' },
  // Outcomes and the overview (outcomes.area_plausibility, stats.sharp_change).
  project_floor_area: { 'zh-CN': '项目建筑面积', en: "the project's floor area" },
  previous_month: { 'zh-CN': '上月末数值', en: 'the figure at the end of the previous month' },
};

/** A rule's name in words; an unknown key reads as itself. */
export function ruleName(key: string): Words {
  const code = `rule.${key}`;
  return ruleNames.has(code) ? ruleNames.msg(code) : words({ 'zh-CN': key, en: key });
}

/** A unit in words; an unknown unit reads as written. */
export function unitWords(unit: string | null): Localized | null {
  if (!unit) return null;
  return units[unit] ?? { 'zh-CN': unit, en: unit };
}

const isFraction = (v: unknown): v is Fraction =>
  typeof v === 'object' && v !== null && typeof (v as Fraction).numerator === 'number' && typeof (v as Fraction).denominator === 'number';

const codeWord = (c: string): Words => words(codeWords[c] ?? { 'zh-CN': c, en: c.replace(/_/g, ' ') });

/** The parts of a value as words, keyed when the value is a record. */
function valueWords(value: unknown): Words {
  if (isFraction(value)) {
    const base = (value as Fraction & { base?: string }).base;
    const f = fraction(value);
    return base ? { in: (l) => (l === 'en' ? `${f.in(l)} of ${codeWord(base).in(l)}` : `${codeWord(base).in(l)}的 ${f.in(l)}`) } : f;
  }
  if (typeof value === 'boolean') return codeWord(String(value));
  if (typeof value === 'number' || typeof value === 'string')
    return codeWords[String(value)] ? codeWord(String(value)) : words({ 'zh-CN': String(value), en: String(value) });
  if (Array.isArray(value)) {
    const items = value.map(valueWords);
    return { in: (l) => items.map((w) => w.in(l)).join(l === 'en' ? '; ' : '；') };
  }
  if (typeof value === 'object' && value !== null) {
    // An amount in fen (a field named …Fen) reads in yuan with two decimals, never as a count of fen.
    const parts = Object.entries(value).map(
      ([k, v]) =>
        [
          codeWord(k),
          k.endsWith('Fen') && typeof v === 'number' ? words({ 'zh-CN': (v / 100).toFixed(2), en: (v / 100).toFixed(2) }) : valueWords(v),
        ] as const,
    );
    return { in: (l) => parts.map(([k, v]) => `${k.in(l)}${l === 'en' ? ': ' : '：'}${v.in(l)}`).join(l === 'en' ? ', ' : '，') };
  }
  return words({ 'zh-CN': '—', en: '—' });
}

/** Which alarms become grid events, and when, as a person reads it (no type or category codes). */
function handoverWords(value: unknown): Words {
  const list = ((value as { alarms?: { atLevel?: string; afterSeconds?: number }[] } | null)?.alarms ?? []).length;
  return words({
    'zh-CN': `${list} 类告警：逐级上报至最高一级仍未确认，或超过规定时间仍未确认的，转为网格事件`,
    en: `${list} kinds of alarm: handed over as grid events when still unacknowledged at the top duty level or after their time`,
  });
}

/** The canteen's rules as a person reads them (community.canteen_booking, community.meal_subsidy), else null. */
function communityWords(key: string, value: unknown): Words | null {
  const yuanOf = (fen: number) => (fen / 100).toFixed(2);
  if (key === 'community.canteen_booking') {
    const v = value as { meals: Record<string, string>; cutoffMinutes: number; advanceDays: number };
    return words({
      'zh-CN': `早餐 ${v.meals.breakfast}、午餐 ${v.meals.lunch}、晚餐 ${v.meals.dinner}；开餐前 ${v.cutoffMinutes} 分钟截止预订和取消；最多提前 ${v.advanceDays} 天`,
      en: `breakfast ${v.meals.breakfast}, lunch ${v.meals.lunch}, dinner ${v.meals.dinner}; bookings and cancellations close ${v.cutoffMinutes} minutes before; up to ${v.advanceDays} days ahead`,
    });
  }
  if (key === 'community.meal_subsidy') {
    const v = value as { bands: { minAge: number; fenOff: number }[]; livesAloneFenOff: number; maxPercentOfPrice: number };
    const bands = [...v.bands].sort((a, b) => a.minAge - b.minAge);
    return words({
      'zh-CN': `${bands.map((b) => `${b.minAge} 周岁以上每餐减 ${yuanOf(b.fenOff)} 元`).join('，')}；独居另减 ${yuanOf(v.livesAloneFenOff)} 元；合计不超过餐费的 ${v.maxPercentOfPrice}%`,
      en: `${bands.map((b) => `${b.minAge}+: ${yuanOf(b.fenOff)} yuan off a meal`).join(', ')}; living alone ${yuanOf(v.livesAloneFenOff)} yuan more; at most ${v.maxPercentOfPrice}% of the price`,
    });
  }
  return null;
}

/** A rule's value alone in words (its unit beside it, from unitWords): "400", "10%", "住宅专项维修资金；小区公共收益". */
export function ruleValueOnly(key: string, value: unknown): Words {
  const community = communityWords(key, value);
  if (community) return community;
  if (key === 'assessment.scheme') return words({ 'zh-CN': '见年度考核指标体系', en: 'see the assessment scheme' });
  if (key === 'smart.device_profiles') return words({ 'zh-CN': '见设备类型与告警规则', en: 'see the device profiles' });
  if (key === 'grid.categories') return words({ 'zh-CN': '见网格事件分类', en: 'see the grid event categories' });
  if (key === 'grid.alarm_handover') return handoverWords(value);
  if (key === 'services.catalogue') return words({ 'zh-CN': '见居家服务类别', en: 'see the kinds of home care service' });
  if (key === 'services.subsidies') return words({ 'zh-CN': '按服务类别与年龄段补助', en: 'by kind of service and age band' });
  if (key === 'livingcircle.walk') {
    const v = value as { minutes: number; metresPerMinute: number };
    return words({
      'zh-CN': `步行 ${v.minutes} 分钟，每分钟 ${v.metresPerMinute} 米（约 ${v.minutes * v.metresPerMinute} 米）`,
      en: `${v.minutes} minutes' walk at ${v.metresPerMinute} m a minute (about ${v.minutes * v.metresPerMinute} m)`,
    });
  }
  if (key === 'livingcircle.service_standards') return words({ 'zh-CN': '见各类需求的服务设施标准', en: 'see the standards of each need' });
  if (key === 'livingcircle.space_matching')
    return words({ 'zh-CN': '见各类需求的空间匹配条件', en: 'see the matching conditions of each need' });
  if (key === 'livingcircle.future_community_scenarios') return words({ 'zh-CN': '见未来社区九大场景', en: 'see the nine scenarios' });
  if (key === 'repairs.categories') return words({ 'zh-CN': '见物业报修分类与时限', en: 'see the repair categories and due times' });
  return valueWords(value);
}

/** A rule in words for a listing: its name, its value and its unit. */
export const ruleWords = (r: { key: string; value: unknown; unit: string | null }) => {
  const unit = unitWords(r.unit);
  return { name: ruleName(r.key), valueText: ruleValueOnly(r.key, r.value), unitText: unit ? words(unit) : null };
};

/** A rule's value with its unit, as a person reads it: an amount per square metre in yuan, a share of the cost in words. */
export function ruleValueWords(key: string, value: unknown, unit: string | null): Words {
  const community = communityWords(key, value);
  if (community) return community;
  if (key === 'assessment.scheme') return words({ 'zh-CN': '见年度考核指标体系', en: 'see the assessment scheme' });
  if (key === 'smart.device_profiles') return words({ 'zh-CN': '见设备类型与告警规则', en: 'see the device profiles' });
  if (key === 'grid.categories') return words({ 'zh-CN': '见网格事件分类', en: 'see the grid event categories' });
  if (key === 'grid.alarm_handover') return handoverWords(value);
  if (key === 'services.catalogue') return words({ 'zh-CN': '见居家服务类别', en: 'see the kinds of home care service' });
  if (key === 'services.subsidies') return words({ 'zh-CN': '按服务类别与年龄段补助', en: 'by kind of service and age band' });
  if (key === 'livingcircle.walk') {
    const v = value as { minutes: number; metresPerMinute: number };
    return words({
      'zh-CN': `步行 ${v.minutes} 分钟，每分钟 ${v.metresPerMinute} 米（约 ${v.minutes * v.metresPerMinute} 米）`,
      en: `${v.minutes} minutes' walk at ${v.metresPerMinute} m a minute (about ${v.minutes * v.metresPerMinute} m)`,
    });
  }
  if (key === 'livingcircle.service_standards') return words({ 'zh-CN': '见各类需求的服务设施标准', en: 'see the standards of each need' });
  if (key === 'livingcircle.space_matching')
    return words({ 'zh-CN': '见各类需求的空间匹配条件', en: 'see the matching conditions of each need' });
  if (key === 'livingcircle.future_community_scenarios') return words({ 'zh-CN': '见未来社区九大场景', en: 'see the nine scenarios' });
  if (key === 'repairs.categories') return words({ 'zh-CN': '见物业报修分类与时限', en: 'see the repair categories and due times' });
  const u = unitWords(unit);
  if (unit === 'yuan/m2' || unit === 'yuan/m2/month') {
    if (typeof value === 'number' || typeof value === 'string') {
      const y = yuan(yuanToFen(value));
      return { in: (l) => `${y.in(l).replace(/ (元|yuan)$/, '')} ${u![l]}` };
    }
  }
  if (unit === 'share of renovation cost' && isFraction(value)) {
    const f = fraction(value);
    return { in: (l) => (l === 'en' ? `${f.in(l)} ${u!.en}` : `${u!['zh-CN']}的 ${f.in(l)}`) };
  }
  const v = valueWords(value);
  return { in: (l) => (u && u[l] ? `${v.in(l)} ${u[l]}` : v.in(l)) };
}
