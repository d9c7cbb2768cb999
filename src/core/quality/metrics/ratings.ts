/** 好差评 as the dashboards count it: the evaluation record and each level's column. */
import { z } from 'zod';
import { IsoDateTime } from '../../intake/time';
import { RatingLevel } from '../../lifecycle/ratingSchema';

const text = z.string().trim().min(1);

// The five levels and their labels are the stored rating's (lifecycle/ratingSchema.ts), defined once.
export { RATING_LEVELS, RatingLevel, RATING_LEVEL_LABELS as RATING_LABELS } from '../../lifecycle/ratingSchema';

/** One evaluation, triggered with the case number (一次一评 on site, 一事一评 online). */
export const Rating = z.object({
  caseNumber: text,
  level: RatingLevel,
  at: IsoDateTime,
  channel: z.enum(['onSite', 'online']).optional(),
});
export type Rating = z.infer<typeof Rating>;

const RATING_INDEX: Readonly<Record<string, number>> = {
  verySatisfied: 0,
  satisfied: 1,
  basicallySatisfied: 2,
  dissatisfied: 3,
  veryDissatisfied: 4,
};

/** The level's index in RATING_LEVELS (the dashboards' rating column), −1 for none. */
export function ratingIndexOf(level: RatingLevel | null): number {
  return level === null ? -1 : (RATING_INDEX[level] ?? -1);
}
