// English strings of the district map (joined in i18n/index.ts).
import type { districtMapZh } from './map.zh-CN.ts';

export const districtMapEn: typeof districtMapZh = {
  label: 'District map',
  layers: { compounds: 'Compounds', facilities: 'Facilities', spaces: 'Space resources', circles: 'Walking circles', gaps: 'Gaps' },
  noStage: 'Not in a renovation',
  gapRing: 'Compounds with gaps (red ring)',
  facility: 'Facility: {{need}}',
  summary: '{{compounds}} compounds, {{facilities}} facilities, {{spaces}} space resources, {{gaps}} compounds with gaps',
  tooltipCompound: '{{name}}\nStage: {{stage}}\n{{households}} households\nGaps: {{gaps}}',
  tooltipFacility: '{{name}}\n{{need}}',
  space: 'Space resource: {{status}}',
  tooltipSpace: '{{name}}\n{{kind}} ({{status}})\nArea {{area}} m²',
  drillTip: '{{name}}\nClick to go down a level',
  drillInto: 'Go down to:',
  noGaps: 'none',
  circleNote: 'Circle radius about {{metres}} m (walk of {{walk}} m ÷ detour factor)',
  outlineNote: 'Division outlines are derived from compound positions: approximate, not legal boundaries',
  truncated: 'Too much to show at once: part is shown, narrow the area',
  features: 'Compounds on the map',
  up: 'Up one level',
  drill: 'Click a compound for its page; pick a division below to go down a level',
  loadFailed: 'The map could not be loaded',
  tab: 'Map',
  alarm: 'Open alarm',
  empty: 'No compound with coordinates here',
};
