// A catalogue version as a city would publish it, checked whole: unique codes,
// three levels each under a parent of the level above, units and categories on
// the third level. Plain functions; nothing here touches the database.
import type { FieldError } from '../../platform/http/problem.ts';
import type { Indicator } from './catalogue.service.ts';
import { catalogueMessages as cm } from './messages.ts';

export function validateCatalogue(items: Indicator[]): FieldError[] {
  const errors: FieldError[] = [];
  const byCode = new Map<string, Indicator>();
  items.forEach((i, n) => {
    const at = (f: string) => ({ path: `body.indicators.${n}.${f}` });
    if (byCode.has(i.code)) errors.push({ ...at('code'), message: cm.msg('field.code_repeats', { code: i.code }) });
    byCode.set(i.code, i);
    if (i.level === 1 && i.parent) errors.push({ ...at('parent'), message: cm.msg('field.level1_no_parent') });
    if (i.level === 3 && (!i.unit || !i.category)) errors.push({ ...at('unit'), message: cm.msg('field.level3_unit_category') });
  });
  items.forEach((i, n) => {
    if (i.level === 1) return;
    const parent = i.parent ? byCode.get(i.parent) : undefined;
    if (!parent || parent.level !== i.level - 1)
      errors.push({ path: `body.indicators.${n}.parent`, message: cm.msg('field.parent_level', { level: i.level - 1 }) });
  });
  if (!items.some((i) => i.level === 3)) errors.push({ path: 'body.indicators', message: cm.msg('field.no_level3') });
  return errors;
}
