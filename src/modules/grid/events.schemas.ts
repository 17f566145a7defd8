// The shapes of grid events and categories in answers (zod, for the routes' response schemas and other modules').
import { z } from 'zod';
import { attributeDatatypes } from './categories.ts';
import { gridEventSources, gridEventStates, gridLevels, responsibleBodies, stepActions } from './schema.ts';

const attributes = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const gridEventSummarySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  ref: z.string(),
  category: z.string(),
  categoryVersion: z.string(),
  description: z.string(),
  state: z.enum(gridEventStates),
  level: z.enum(gridLevels),
  responsible: z.string(),
  source: z.enum(gridEventSources),
  platform: z.string().nullable(),
  sourceRef: z.string().nullable(),
  compoundId: z.string().nullable(),
  communityCode: z.string(),
  subdistrictCode: z.string().nullable(),
  buildingId: z.string().nullable(),
  gridId: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  addressText: z.string().nullable(),
  anonymous: z.boolean(),
  reportedAt: z.string(),
  updatedAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  overdueSince: z.string().nullable(),
  closedAt: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  reopenedCount: z.number().int(),
  assigneeId: z.string().nullable(),
  workOrderId: z.string().nullable(),
  mediaUrl: z.string().nullable(),
  attributes,
});

export const gridEventDetailSchema = gridEventSummarySchema.extend({
  photos: z.array(z.object({ id: z.string(), url: z.string(), stepId: z.string().nullable() })),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable(), at: z.string() }).nullable(),
  steps: z.array(
    z.object({
      id: z.string(),
      action: z.enum(stepActions),
      from: z.enum(gridEventStates).nullable(),
      to: z.enum(gridEventStates).nullable(),
      level: z.enum(gridLevels),
      at: z.string(),
      actorRole: z.string(),
      lat: z.number().nullable(),
      lng: z.number().nullable(),
      note: z.string().nullable(),
    }),
  ),
});

const names = z.object({ zh: z.string(), en: z.string() });
export const gridCategorySchema = z.object({
  code: z.string(),
  name: names,
  group: z.string(),
  responsible: z.enum(responsibleBodies),
  cityDepartment: z.string().optional(),
  duplicateRadiusM: z.number().int(),
  selfResolvable: z.boolean(),
  attributes: z.array(
    z.object({
      code: z.string(),
      datatype: z.enum(attributeDatatypes),
      required: z.boolean(),
      description: names,
      values: z.array(z.object({ key: z.string(), name: names })).optional(),
    }),
  ),
});
