// One date and time picker for every form (issue 16, item 8): antd's picker in the interface's language instead of
// the browser's native mm/dd/yyyy box. Days are plain "YYYY-MM-DD" strings, as the API takes them; moments are the
// city's wall-clock time (Asia/Shanghai, UTC+8 all year, no daylight saving) sent as ISO strings with "+08:00",
// and every moment field says "北京时间" beside it, whatever time zone the browser is in.
import { DatePicker, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { useTranslation } from 'react-i18next';

const CITY_OFFSET = '+08:00';
const CITY_OFFSET_MS = 8 * 3_600_000;

/** An instant (any ISO form) as the city's wall-clock time, for the picker to show. */
export function cityDayjs(iso: string | null | undefined): Dayjs | null {
  if (!iso) return null;
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return null;
  // Shift to the city's clock, then read the fields as UTC: the picker sees the city's wall-clock time.
  return dayjs(new Date(ms + CITY_OFFSET_MS).toISOString().slice(0, 19));
}

/** The picker's wall-clock value as an instant in the city's time zone: "2026-06-30T18:00:00+08:00". */
export const cityIso = (d: Dayjs): string => `${d.format('YYYY-MM-DDTHH:mm')}:00${CITY_OFFSET}`;

/** An instant `ms` from now (or `base`), as the city's ISO string: for a form's initial values. */
export const cityIsoAt = (ms: number): string => cityIso(cityDayjs(new Date(ms).toISOString())!);

/** Today's date in the city, "YYYY-MM-DD". */
export const cityToday = (): string => cityDayjs(new Date().toISOString())!.format('YYYY-MM-DD');

const useDayjsLocale = () => {
  const { i18n, t } = useTranslation();
  dayjs.locale(i18n.language === 'en' ? 'en' : 'zh-cn');
  return t;
};

/**
 * Enter confirms a typed date in the picker; it must not also submit the form around it (the browser's implicit
 * submission would save a half-filled form the moment a date is typed).
 */
const confirmOnly = (e: React.KeyboardEvent) => {
  if (e.key === 'Enter') e.preventDefault();
};

interface Common {
  id?: string;
  disabled?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
  'aria-label'?: string;
  allowClear?: boolean;
}

/** A calendar day: value and onChange carry "YYYY-MM-DD" (or undefined when cleared). */
export function DateField({ value, onChange, ...rest }: Common & { value?: string | null; onChange?: (v: string | undefined) => void }) {
  useDayjsLocale();
  return (
    <DatePicker
      {...rest}
      onKeyDown={confirmOnly}
      value={value ? dayjs(value, 'YYYY-MM-DD') : null}
      format="YYYY-MM-DD"
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
    />
  );
}

/** A moment in the city's time: value and onChange carry ISO strings with "+08:00"; labelled "北京时间". */
export function DateTimeField({
  value,
  onChange,
  minuteStep,
  style,
  ...rest
}: Common & { value?: string | null; onChange?: (v: string | undefined) => void; minuteStep?: 1 | 5 | 15 | 30 }) {
  const t = useDayjsLocale();
  return (
    <Space size={6} style={style}>
      <DatePicker
        {...rest}
        onKeyDown={confirmOnly}
        showTime={{ format: 'HH:mm', minuteStep }}
        format="YYYY-MM-DD HH:mm"
        value={cityDayjs(value)}
        onChange={(d: Dayjs | null) => onChange?.(d ? cityIso(d) : undefined)}
      />
      <Typography.Text type="secondary" data-testid="city-time-zone">
        {t('forms.cityTimeZone')}
      </Typography.Text>
    </Space>
  );
}

/** A span of days ("YYYY-MM-DD" pair) or, with `time`, of moments in the city's time (ISO pair with "+08:00"). */
export function DateRangeField({
  value,
  onChange,
  time,
  minuteStep,
  style,
  ...rest
}: Omit<Common, 'placeholder'> & {
  value?: [string, string] | null;
  onChange?: (v: [string, string] | null) => void;
  time?: boolean;
  minuteStep?: 1 | 5 | 15 | 30;
}) {
  const t = useDayjsLocale();
  const parse = (v: string) => (time ? cityDayjs(v) : dayjs(v, 'YYYY-MM-DD'));
  const picker = (
    <DatePicker.RangePicker
      {...rest}
      onKeyDown={confirmOnly}
      style={time ? undefined : style}
      showTime={time ? { format: 'HH:mm', minuteStep } : undefined}
      format={time ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
      value={value ? [parse(value[0]), parse(value[1])] : null}
      onChange={(range) => {
        const [a, b] = range ?? [];
        if (!a || !b) return onChange?.(null);
        onChange?.(time ? [cityIso(a), cityIso(b)] : [a.format('YYYY-MM-DD'), b.format('YYYY-MM-DD')]);
      }}
    />
  );
  if (!time) return picker;
  return (
    <Space size={6} style={style}>
      {picker}
      <Typography.Text type="secondary" data-testid="city-time-zone">
        {t('forms.cityTimeZone')}
      </Typography.Text>
    </Space>
  );
}
