// Dates and addresses as the mobile pages show them.
export function formatAt(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function homeLabel(h: { compoundName: string; building: string; unit: string; room: string }): string {
  return `${h.compoundName} ${h.building} ${h.unit} ${h.room}`;
}
