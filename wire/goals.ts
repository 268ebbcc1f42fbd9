import { z } from 'zod';
import { shownText } from './text.ts';

/**
 * A room's goal. A simple goal counts every tip toward its target. An escrowed goal has a
 * deadline: its tips wait in a holding account, go to the performer when the goal is reached,
 * and go back to each tipper if the deadline passes first.
 */
export const GOAL_TITLE_MAX_CHARS = 80;
export const GOAL_TARGET_MAX_TOKENS = 10_000_000;
/** An escrowed goal's deadline: at least this far ahead… */
export const GOAL_DEADLINE_MIN_MS = 60_000;
/** …and at most this far. */
export const GOAL_DEADLINE_MAX_MS = 7 * 24 * 60 * 60 * 1000;

export const GoalStatus = z.enum(['open', 'reached', 'missed']);
export type GoalStatus = z.infer<typeof GoalStatus>;

export const Goal = z.object({
  id: z.string(),
  title: z.string(),
  target: z.number().int(),
  progress: z.number().int(),
  escrow: z.boolean(),
  /** Epoch milliseconds; escrowed goals only. */
  deadline: z.number().int().nullable(),
  status: GoalStatus,
});
export type Goal = z.infer<typeof Goal>;

export const GoalBody = z
  .object({
    title: shownText()
      .trim()
      .min(1, 'Give the goal a title')
      .max(GOAL_TITLE_MAX_CHARS, `At most ${GOAL_TITLE_MAX_CHARS} characters`),
    target: z.number().int('Whole tokens only').min(1, 'At least 1 token').max(GOAL_TARGET_MAX_TOKENS),
    escrow: z.boolean().default(false),
    /** ISO date-time; required for an escrowed goal, refused for a simple one. */
    deadline: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((goal) => goal.escrow === (goal.deadline !== undefined), {
    message: 'An escrowed goal needs a deadline; a simple goal has none',
    path: ['deadline'],
  });
export type GoalBody = z.input<typeof GoalBody>;

export const GoalResponse = z.object({ goal: Goal.nullable() });
export type GoalResponse = z.infer<typeof GoalResponse>;
