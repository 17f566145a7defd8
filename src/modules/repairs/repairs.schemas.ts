// The repairs' response shapes, shared by the residents' and the staff's routes (and so by the web's types).
import { z } from 'zod';
import { followUpOutcomes, repairStatuses } from './schema.ts';

const localized = z.object({ zh: z.string(), en: z.string() });
const person = z.object({ id: z.string(), displayName: z.string() });
const photo = z.object({ id: z.string(), url: z.string(), filename: z.string() });

export const repairSummary = z.object({
  id: z.string(),
  compoundId: z.string(),
  /** The household's place (from the registry): compound, building, unit, room. */
  place: z.object({ compoundName: z.string(), building: z.string(), unit: z.string(), room: z.string() }).nullable(),
  category: z.string(),
  categoryName: localized,
  description: z.string(),
  status: z.enum(repairStatuses),
  overdue: z.boolean(),
  dueAt: z.string(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

export const repairStep = z.object({
  at: z.string(),
  /** filed, assigned, taken, started, completed, cancelled, overdue, followed_up, rated. */
  action: z.string(),
  actorRole: z.enum(['resident', 'staff', 'system']),
  /** Staff only: residents never read a person's name. */
  actor: person.nullable(),
  /** A follow-up's outcome, a rating's stars, an assignment's or completion's note. */
  note: z.string().nullable(),
});

const rating = z.object({ stars: z.number().int(), comment: z.string().nullable(), at: z.string() });

export const myRepairItem = repairSummary.extend({ rated: z.boolean() });
export const myRepairDetail = myRepairItem.extend({
  completionNote: z.string().nullable(),
  photos: z.array(photo),
  completionPhotos: z.array(photo),
  steps: z.array(repairStep),
  rating: rating.nullable(),
  canRate: z.boolean(),
  rateUntil: z.string().nullable(),
  ratingDays: z.number().int(),
});

export const staffRepairItem = repairSummary.extend({
  assignee: person.nullable(),
  stars: z.number().int().nullable(),
  followedUp: z.boolean(),
});
export const staffRepairDetail = repairSummary.extend({
  workOrderId: z.string(),
  assignee: person.nullable(),
  completionNote: z.string().nullable(),
  photos: z.array(photo),
  completionPhotos: z.array(photo),
  steps: z.array(repairStep),
  followUps: z.array(
    z.object({ id: z.string(), caller: person, calledAt: z.string(), outcome: z.enum(followUpOutcomes), note: z.string().nullable() }),
  ),
  rating: rating.nullable(),
  rateUntil: z.string().nullable(),
});

export const repairOptions = z.object({
  /** The resident's verified homes: a request is for one of them. */
  households: z.array(z.object({ id: z.string(), compoundName: z.string(), building: z.string(), unit: z.string(), room: z.string() })),
  categories: z.array(z.object({ code: z.string(), name: localized, dueHours: z.number().int() })),
  maxPhotos: z.number().int(),
  photoMaxMb: z.number(),
  ratingDays: z.number().int(),
});
