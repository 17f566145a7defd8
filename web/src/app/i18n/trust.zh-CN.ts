// Issue 16, items 3 and 4: figures a bureau can trust, and finding things (zh-CN first; English in trust.en.ts).
export const trustZh = {
  outcomes: {
    rule: '依据规则：{{name}}',
  },
  overview: {
    sharp: '变化较大',
    sharpHint: '与上月末（{{at}}）的 {{before}} 相比变化超过规则“{{rule}}”的幅度，请核对',
    sharpNone: '',
  },
  wall: {
    asOf: '数据截至 {{at}}',
    zone: '（北京时间）',
    yuan: '元',
  },
  lists: {
    total: '共 {{count}} 条',
    district: '区',
    subdistrict: '街道',
    allDistricts: '全部区',
    allSubdistricts: '全部街道',
    sortHint: '点击列标题排序',
  },
};
