// Why someone reads a resident's personal data in full: asked before every full read and kept in its audit entry
// (issue 16, item 8), so an auditor sees not only who looked but for what.
import { z } from 'zod';

export const accessReason = z
  .string()
  .trim()
  .min(2)
  .max(200)
  .describe('Why the full personal data is read (2–200 characters); kept in the audit log');

/** The query of a full read: `?reason=` is required. */
export const accessReasonQuery = z.object({ reason: accessReason });
