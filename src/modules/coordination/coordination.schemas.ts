// The zod pieces the coordination routes share (one definition for the packages, settings and timetable routes).
import { z } from 'zod';
import { coordinationDepartments, workKindNames, type WorkKind } from './kinds.ts';

export const tags = ['coordination'];
export const id = z.object({ id: z.string().uuid() });
export const year = z.coerce.number().int().min(2000).max(2100);
export const division = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a division code of 6, 9 or 12 digits');
export const isoDate = z.iso.date();
export const kind = z.enum(workKindNames as [WorkKind, ...WorkKind[]]);
export const department = z.enum(coordinationDepartments);
