// Joint consultations (联合会商) with their minutes and decisions, the status of
// each approval step, and the documents filed as its materials. Rows carry the
// project id only: projects are read through the projects module.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Decision } from './checklist.ts';
import { stepCodes } from './steps.ts';

export const consultations = pgTable(
  'approval_consultations',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    heldOn: date('held_on').notNull(),
    leadDepartment: text('lead_department').notNull(),
    departments: text('departments').array().notNull(),
    minutes: text('minutes'),
    // Small, written once and always read whole with the meeting: no table of their own.
    decisions: jsonb('decisions')
      .$type<Decision[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by'),
    createdByUsername: text('created_by_username'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('approval_consultations_project_idx').on(t.projectId, t.heldOn)],
);

// A step without a row is pending; going back to pending deletes the row.
export const stepStatuses = pgTable(
  'approval_steps',
  {
    projectId: uuid('project_id').notNull(),
    step: text('step', { enum: stepCodes }).notNull(),
    status: text('status', { enum: ['done', 'simplified'] }).notNull(),
    consultationId: uuid('consultation_id').references(() => consultations.id),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.step] })],
);

export const documents = pgTable(
  'approval_documents',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    step: text('step', { enum: stepCodes }).notNull(),
    materialType: text('material_type').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    // The file itself lives in the platform's file store under this hash.
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByUsername: text('uploaded_by_username'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('approval_documents_project_idx').on(t.projectId, t.step)],
);
