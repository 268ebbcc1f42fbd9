/**
 * The reports clock: an admin answers a report within 7 business days. Business days are
 * Monday to Friday in UTC (public holidays differ by country and are not counted here).
 */
export const REPORT_BUSINESS_DAYS = 7;
const DAY = 86_400_000;

const isWeekend = (time: number) => {
  const day = new Date(time).getUTCDay();
  return day === 0 || day === 6;
};

/** The moment `days` business days after `start`, at the same time of day; weekends do not count. */
export function businessDaysAfter(start: number, days: number): number {
  let due = start;
  let counted = 0;
  while (counted < days) {
    due += DAY;
    if (!isWeekend(due)) counted += 1;
  }
  return due;
}

/** When a report filed at `createdAt` is due. */
export const reportDueAt = (createdAt: number) => businessDaysAfter(createdAt, REPORT_BUSINESS_DAYS);
