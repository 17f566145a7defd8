// Coordination's words by code (zh-CN first, English): the package notices and the kinds of work.
import { defineMessages, words, type Words } from '../../platform/i18n/messages.ts';

export const coordinationMessages = defineMessages({
  'coordination.package_moved': {
    'zh-CN': '{compound} · {kind}：{from} → {to}',
    en: '{compound} · {kind}: {from} → {to}',
  },
});

const kindNames: Record<string, { 'zh-CN': string; en: string }> = {
  water: { 'zh-CN': '供水', en: 'water' },
  drainage: { 'zh-CN': '排水', en: 'drainage' },
  gas: { 'zh-CN': '燃气', en: 'gas' },
  power: { 'zh-CN': '电力', en: 'power' },
  telecom: { 'zh-CN': '通信', en: 'telecom' },
  roads: { 'zh-CN': '道路', en: 'roads' },
  greening: { 'zh-CN': '绿化', en: 'greening' },
  lift_shaft: { 'zh-CN': '加装电梯井', en: 'lift shaft' },
  facade: { 'zh-CN': '立面', en: 'facade' },
  painting: { 'zh-CN': '粉刷', en: 'painting' },
  fire: { 'zh-CN': '消防', en: 'fire' },
  police_security: { 'zh-CN': '安防监控', en: 'security cameras' },
  civil_affairs: { 'zh-CN': '养老服务设施', en: 'elderly care facilities' },
};

export const kindWords = (kind: string): Words => words(kindNames[kind] ?? { 'zh-CN': kind, en: kind });

/** A notice kept as its code and parameters, in words; a notice from before codes keeps its stored text. */
export function noticeWords(n: { code: string | null; params: unknown; message: string }): Words {
  const p = n.params as { compound?: string; kind?: string; from?: string; to?: string } | null;
  if (n.code !== 'coordination.package_moved' || !p) return words({ 'zh-CN': n.message, en: n.message });
  return coordinationMessages.msg('coordination.package_moved', {
    compound: p.compound ?? '',
    kind: kindWords(p.kind ?? ''),
    from: p.from ?? '',
    to: p.to ?? '',
  });
}
