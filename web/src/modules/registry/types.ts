// Registry shapes, from the generated API contract (web/src/api/schema.gen.ts); areas are decimal strings.
import type { ResponseAt, ResponseOf } from '../../api/client.ts';
import type { FieldError } from '../../app/api.ts';

export type Division = ResponseOf<'/api/v1/divisions'>['items'][number];
export type DivisionLevel = Division['level'];

/** A cursor page, as every list of the API answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type CompoundSummary = ResponseOf<'/api/v1/compounds'>['items'][number];
export type CompoundDetail = ResponseOf<'/api/v1/compounds/{id}'>;
export type Building = CompoundDetail['buildings'][number];
export type Unit = Building['units'][number];

export type Household = ResponseOf<'/api/v1/compounds/{id}/households'>['items'][number];
export type MaskedResident = Household['residents'][number];
export type ResidentStatus = 'pending' | 'verified' | 'rejected';
export type ResidentPersonal = ResponseOf<'/api/v1/residents/{id}/personal'>;

export interface CompoundFilters {
  division?: string;
  q?: string;
  yearFrom?: number;
  yearTo?: number;
  eligible?: boolean;
  /** Server-side sort (issue 16): a column of the list, ascending unless `order` is desc. */
  sort?: string;
  order?: 'asc' | 'desc';
}

export type ImportKind = ResponseAt<'/api/v1/imports/{kind}', 'post', 200>['kind'];
/** What an import wrote: the 200 answer, or a finished job's result. */
export type ImportCounts = Pick<ResponseAt<'/api/v1/imports/{kind}', 'post', 200>, 'created' | 'updated' | 'unchanged'>;
/** A refused row, from the problem's errors. */
export type ImportRowError = FieldError;

/** A background job; its result and error are the import's (the contract leaves them open per kind of job). */
export type Job = Omit<ResponseOf<'/api/v1/jobs/{id}'>, 'result' | 'error'> & {
  result?: ImportCounts | null;
  error?: { title?: string; detail?: string; message?: string; errors?: ImportRowError[] } | string | null;
};
