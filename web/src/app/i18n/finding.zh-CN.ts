// Issue 16, item 4 (finding things): pickers instead of typed ids, years with data (English in finding.en.ts).
export const findingZh = {
  pickDivision: '选择辖区',
  pickProject: '输入项目名称查找',
  noProject: '没有名称相符的项目',
  yearN: '{{year}}年',
  years: {
    withData: '有数据的年份：{{years}}',
    none: '尚无任何年份的数据',
  },
};
