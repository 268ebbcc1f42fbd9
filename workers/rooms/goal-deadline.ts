import { GOAL_DEADLINE_MAX_MS, GOAL_DEADLINE_MIN_MS } from '../../wire/goals.ts';
import { ApiError } from '../errors.ts';

/**
 * The goal deadline rule: an escrowed goal's deadline (epoch ms; null for a simple goal) lies between
 * one minute and seven days after `now`, or the goal is refused with 400 VALIDATION_FAILED.
 */
export function goalDeadline(deadline: string | undefined, now: number): number | null {
  if (deadline === undefined) return null;
  const at = Date.parse(deadline);
  const ahead = at - now;
  if (ahead < GOAL_DEADLINE_MIN_MS || ahead > GOAL_DEADLINE_MAX_MS) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'The deadline must be between one minute and seven days from now', {
      fields: { deadline: 'Between one minute and seven days from now' },
    });
  }
  return at;
}
