// Issue 16, items 3 and 4 in English (the zh-CN words are in trust.zh-CN.ts).
import type { trustZh } from './trust.zh-CN.ts';

export const trustEn: typeof trustZh = {
  outcomes: {
    rule: 'By the rule: {{name}}',
  },
  overview: {
    sharp: 'sharp change',
    sharpHint: 'Changed more than the rule “{{rule}}” allows against {{before}} at the end of last month ({{at}}); please check',
    sharpNone: '',
  },
  wall: {
    asOf: 'Data as of {{at}}',
    zone: ' (Beijing time)',
    yuan: 'yuan',
  },
  lists: {
    total: '{{count}} in all',
    district: 'District',
    subdistrict: 'Subdistrict',
    allDistricts: 'All districts',
    allSubdistricts: 'All subdistricts',
    sortHint: 'Click a column title to sort',
  },
};
