// A timetable out of Renova: the whole table as .xlsx, and each department's
// packages as an iCalendar file its liaison subscribes to or imports.
import { writeXlsx } from '../../platform/spreadsheet.ts';
import type { schedulePackageList } from './schedules.service.ts';

type Listed = Awaited<ReturnType<typeof schedulePackageList>>;
type Item = Listed['items'][number];

export function timetableXlsx(listed: Listed): Promise<Buffer> {
  return writeXlsx<Item>(
    `${listed.schedule.year} 综合改一次`,
    [
      { header: '小区 Compound', width: 24, value: (r) => r.compoundName },
      { header: '工程 Kind', value: (r) => r.kind },
      { header: '部门 Department', value: (r) => r.department },
      { header: '动土 Opens ground', value: (r) => (r.opensGround ? '是 yes' : '否 no') },
      { header: '工日 Days', value: (r) => r.durationDays },
      { header: '班组 Crews', value: (r) => r.crews },
      { header: '开始 Start', value: (r) => r.startDate },
      { header: '结束 End', value: (r) => r.endDate },
      { header: '各自安排开始 Alone start', value: (r) => r.baselineStartDate },
      { header: '各自安排结束 Alone end', value: (r) => r.baselineEndDate },
      { header: '状态 Status', value: (r) => r.status },
    ],
    listed.items,
  );
}

const icsText = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
const icsDate = (iso: string) => iso.replaceAll('-', '');
const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** RFC 5545: one all-day event per package, from its first to its last working day (DTEND is exclusive); CRLF line ends. */
export function timetableIcs(listed: Listed, department: string, stamp: Date): string {
  const dtstamp = stamp
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Renova//Renovate once//ZH',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${icsText(`${listed.schedule.year} 综合改一次 · ${department}`)}`,
    ...listed.items.flatMap((r) => [
      'BEGIN:VEVENT',
      `UID:${r.packageId}-${listed.schedule.id}@renova`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${icsDate(r.startDate)}`,
      `DTEND;VALUE=DATE:${icsDate(dayAfter(r.endDate))}`,
      `SUMMARY:${icsText(`${r.compoundName} · ${r.kind}`)}`,
      `DESCRIPTION:${icsText(`${r.durationDays} working days, ${r.crews} crew(s)${r.opensGround ? ', opens the ground' : ''}`)}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return lines.join('\r\n') + '\r\n';
}
