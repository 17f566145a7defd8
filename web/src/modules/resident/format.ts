// Dates and addresses as the mobile pages show them.
export { formatAt } from '../../app/time.ts';

export function homeLabel(h: { compoundName: string; building: string; unit: string; room: string }): string {
  return `${h.compoundName} ${h.building} ${h.unit} ${h.room}`;
}
