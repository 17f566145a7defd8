import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfWorkingDay, firstWorkingDay, workingDayIndex, workingDaysOf } from './calendar.ts';

describe('working days', () => {
  it('skips weekends', () => {
    expect(firstWorkingDay('2022-01-01')).toBe('2022-01-03'); // a Saturday → Monday
    expect(dateOfWorkingDay('2022-01-03', 4)).toBe('2022-01-07');
    expect(dateOfWorkingDay('2022-01-03', 5)).toBe('2022-01-10');
    expect(workingDayIndex('2022-01-03', '2022-01-08')).toBe(5); // Saturday counts as the Monday after
  });

  it('round-trips index → date → index for any day of a decade', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2600 }), (i) => {
        const start = '2022-01-03';
        expect(workingDayIndex(start, dateOfWorkingDay(start, i))).toBe(i);
      }),
    );
  });

  it('turns an inclusive date range into a half-open range of working days', () => {
    expect(workingDaysOf('2022-01-03', '2022-01-31', '2022-02-06')).toEqual({ from: 20, to: 25 }); // Mon 31 Jan to Sun 6 Feb
    expect(workingDaysOf('2022-01-03', '2022-01-08', '2022-01-09')).toBeNull(); // a weekend only
    expect(workingDaysOf('2022-01-03', '2021-12-20', '2022-01-04')).toEqual({ from: 0, to: 2 });
  });
});
