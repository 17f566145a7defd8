// Response shapes of the services' routes (the web's types are generated from them).
import { z } from 'zod';
import { pageSchema } from '../../platform/http/pagination.ts';
import { complaintStatuses, genders, offerAnswers, orderStatuses, providerKinds } from './schema.ts';

export const names = z.object({ zh: z.string(), en: z.string() });

export const providerSummary = z.object({
  id: z.string(),
  kind: z.enum(providerKinds),
  name: z.string(),
  gender: z.enum(genders).nullable(),
  communityCode: z.string(),
  ratingCount: z.number().int(),
  ratingAverage: z.string().nullable(),
  active: z.boolean(),
});

export const providerDetail = providerSummary.extend({
  dialects: z.array(z.string()),
  lat: z.number(),
  lng: z.number(),
  compoundIds: z.array(z.string()),
  accountIds: z.array(z.string()),
  qualifications: z.array(
    z.object({ id: z.string(), code: z.string(), name: names, ref: z.string().nullable(), validUntil: z.string(), valid: z.boolean() }),
  ),
  offerings: z.array(
    z.object({ id: z.string(), kind: z.string(), kindName: names, name: z.string(), priceFen: z.number().int(), active: z.boolean() }),
  ),
});

export const slot = z.object({
  id: z.string(),
  offeringId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  booked: z.number().int(),
});

export const catalogueSchema = z.object({
  version: z.string(),
  kinds: z.array(z.object({ code: z.string(), name: names, minutes: z.number().int(), requires: z.array(z.string()) })),
  qualifications: z.array(z.object({ code: z.string(), name: names })),
  careLevels: z.array(z.object({ code: z.string(), name: names })),
  needs: z.array(z.object({ code: z.string(), name: names })),
  dialects: z.array(z.object({ code: z.string(), name: names })),
});

export const careProfileMasked = z.object({
  id: z.string(),
  nameMasked: z.string(),
  phoneMasked: z.string().nullable(),
  gender: z.enum(genders),
  /** Five-year band from the birth year ("80–84"): never the birthday. */
  ageBand: z.string(),
  compoundId: z.string(),
  compoundName: z.string().nullable(),
  householdId: z.string().nullable(),
  residentId: z.string().nullable(),
  livingAlone: z.boolean(),
  careLevel: z.string(),
  needs: z.array(z.string()),
  carerGender: z.enum(genders).nullable(),
  dialect: z.string().nullable(),
  familyCount: z.number().int(),
  updatedAt: z.string(),
});

export const careProfileFull = careProfileMasked.extend({
  name: z.string(),
  phone: z.string().nullable(),
  birthDate: z.string(),
  age: z.number().int(),
  notes: z.string().nullable(),
  address: z.string().nullable(),
  family: z.array(z.object({ residentId: z.string(), relation: z.string(), linkedAt: z.string() })),
  fake: z.boolean(),
});

export const orderSummary = z.object({
  id: z.string(),
  ref: z.string(),
  kind: z.string(),
  kindName: names,
  status: z.enum(orderStatuses),
  dispatchMode: z.enum(['auto', 'manual']),
  orderedAs: z.enum(['self', 'family', 'worker']),
  profileId: z.string(),
  elderNameMasked: z.string(),
  compoundId: z.string(),
  compoundName: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  providerId: z.string().nullable(),
  providerName: z.string().nullable(),
  priceFen: z.number().int().nullable(),
  subsidyFen: z.number().int().nullable(),
  payFen: z.number().int().nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  actions: z.array(z.string()),
});

const place = z.object({ at: z.string(), lat: z.number().nullable(), lng: z.number().nullable() });

export const orderDetail = orderSummary.extend({
  note: z.string().nullable(),
  subsidyRule: z.object({ key: z.string(), version: z.string(), minAge: z.number().int().nullable() }).nullable(),
  offeredAt: z.string().nullable(),
  checkIn: place.nullable(),
  checkOut: place.nullable(),
  serviceNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  offers: z.array(
    z.object({
      id: z.string(),
      providerId: z.string(),
      providerName: z.string().nullable(),
      rank: z.number().int(),
      score: z.number().int(),
      byHand: z.boolean(),
      offeredAt: z.string(),
      expiresAt: z.string(),
      answer: z.enum(offerAnswers),
      answeredAt: z.string().nullable(),
    }),
  ),
  rating: z.object({ stars: z.number().int(), comment: z.string().nullable(), at: z.string() }).nullable(),
  complaints: z.array(
    z.object({ id: z.string(), status: z.enum(complaintStatuses), text: z.string(), filedAt: z.string(), updatedAt: z.string() }),
  ),
});

export const orderPage = pageSchema(orderSummary);

export const complaintSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  providerId: z.string().nullable(),
  status: z.enum(complaintStatuses),
  text: z.string(),
  filedAt: z.string(),
  updatedAt: z.string(),
  steps: z.array(z.object({ at: z.string(), role: z.string(), status: z.enum(complaintStatuses), note: z.string().nullable() })),
});

const kindFigures = z.object({
  orders: z.number().int(),
  demand: z.number().int(),
  matched: z.number().int(),
  completed: z.number().int(),
  fillRate: z.object({ numerator: z.number().int(), denominator: z.number().int(), percent: z.string().nullable() }),
  meanSecondsToMatch: z.number().int().nullable(),
  medianSecondsToMatch: z.number().int().nullable(),
  noShows: z.number().int(),
  unmet: z.number().int(),
});

export const figuresSchema = z.object({
  division: z.string(),
  from: z.string(),
  to: z.string(),
  totals: kindFigures,
  byKind: z.array(kindFigures.extend({ kind: z.string(), name: names })),
});
