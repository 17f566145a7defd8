// A 422 problem's field errors (`errors[].path` like `body.ownersCommittee.name`) as antd form
// fields: the path without `body.`, split at the dots. Errors naming no known field are returned.
import type { FormInstance } from 'antd';
import { ApiError, type FieldError } from '../../app/api.ts';

export function applyFieldErrors(form: FormInstance, err: unknown, known: readonly string[]): FieldError[] {
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return [];
  const rest: FieldError[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const e of err.problem.errors) {
    const name = (e.path ?? '')
      .replace(/^body\.?/, '')
      .split('.')
      .filter(Boolean);
    if (name.length && known.includes(name[0]!)) fields.push({ name, errors: [e.message || err.problem.detail || err.problem.title] });
    else rest.push(e);
  }
  form.setFields(fields);
  return rest;
}

/** The error to show as a whole (an alert): unless every field error it carries names a known field. */
export function unplacedError(err: unknown, known: readonly string[]): unknown {
  if (!err) return null;
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return err;
  const placed = err.problem.errors.every((e) => known.includes((e.path ?? '').replace(/^body\.?/, '').split('.')[0] ?? ''));
  return placed ? null : err;
}
