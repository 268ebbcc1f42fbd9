import type { z } from 'zod';
import type { Goal, GoalBody } from '../../wire/goals.ts';
import { goalDeadline } from './goal-deadline.ts';
import { roomStub } from './room-stub.ts';

/** A performer's own room and how the Room knows its owner: for the studio routes and the MCP tools alike. */
export function performerRoom(env: Env, performer: { id: string; handle: string }) {
  return { stub: roomStub(env, performer.handle), owner: { handle: performer.handle, performerId: performer.id } };
}
export type PerformerRoom = ReturnType<typeof performerRoom>;

/** Sets the room's goal from a GoalBody (the studio form's or a tool's): the deadline rule, then the Room. */
export async function setGoalOf(room: PerformerRoom, body: z.output<typeof GoalBody>, now = Date.now()): Promise<Goal> {
  const deadline = goalDeadline(body.deadline, now);
  return room.stub.setGoal(room.owner, { title: body.title, target: body.target, escrow: body.escrow, deadline });
}
