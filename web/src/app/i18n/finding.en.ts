// Issue 16, item 4 (finding things): the English of finding.zh-CN.ts.
export const findingEn = {
  pickDivision: 'Choose a division',
  pickProject: 'Type a project name to find it',
  noProject: 'No project of that name',
  yearN: '{{year}}',
  years: {
    withData: 'Years with data: {{years}}',
    none: 'No year has data yet',
  },
};
