// Dates and household labels as the participation tab shows them.
export function formatAt(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.floor((part * 1000) / whole) / 10;
}
