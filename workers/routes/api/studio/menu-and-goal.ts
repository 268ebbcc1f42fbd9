import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { GoalBody, GoalResponse } from '../../../../wire/goals.ts';
import { FanClubDiscountBody, MenuBody, MenuResponse } from '../../../../wire/tip-menu.ts';
import { router } from '../../../app.ts';
import { requireRole } from '../../../auth/session.ts';
import type { AppEnv } from '../../../env.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';
import { performerRoom, setGoalOf } from '../../../rooms/performer-room.ts';

const tags = ['Studio'];
const notPerformer = [
  [401, 'Not signed in'],
  [403, 'Not a performer'],
] as const;

/** Only ever the signed-in performer's own room. */
function ownRoom(c: Context<AppEnv>) {
  return performerRoom(c.env, requireRole(c, 'performer'));
}

/** The contracts (listed in /api/openapi.json); the handlers follow in the router. */
const route = {
  menu: createRoute({
    method: 'get',
    path: '/menu',
    tags,
    summary: 'Your tip menu',
    responses: { 200: json(MenuResponse, 'The tip menu'), ...errors(...notPerformer) },
  }),
  setMenu: createRoute({
    method: 'put',
    path: '/menu',
    tags,
    summary: 'Replace your tip menu (the room sees it at once)',
    request: { body: jsonBody(MenuBody) },
    responses: { 200: json(MenuResponse, 'The new tip menu'), ...errors([400, 'Invalid items'], ...notPerformer) },
  }),
  setDiscount: createRoute({
    method: 'put',
    path: '/menu/fan-club-discount',
    tags,
    summary: 'Set the percent off every tip-menu item for your fan-club members (0 ends it); the room sees it at once',
    request: { body: jsonBody(FanClubDiscountBody) },
    responses: {
      200: json(MenuResponse, 'The tip menu with members’ prices'),
      ...errors([400, 'Not a percent from 0 to 90'], ...notPerformer),
    },
  }),
  goal: createRoute({
    method: 'get',
    path: '/goal',
    tags,
    summary: 'Your room’s goal',
    responses: { 200: json(GoalResponse, 'The goal, or null'), ...errors(...notPerformer) },
  }),
  setGoal: createRoute({
    method: 'put',
    path: '/goal',
    tags,
    summary:
      'Set a goal, simple or escrowed with a deadline ' +
      '(replaces the current one; an open escrowed goal it replaces is refunded)',
    request: { body: jsonBody(GoalBody) },
    responses: {
      200: json(GoalResponse, 'The new goal'),
      ...errors([400, 'Invalid goal or deadline'], ...notPerformer),
    },
  }),
  endGoal: createRoute({
    method: 'delete',
    path: '/goal',
    tags,
    summary: 'End the goal (an open escrowed goal ends unmet: its tips are refunded)',
    responses: { 200: json(GoalResponse, 'No goal'), ...errors(...notPerformer) },
  }),
};

/** The performer's tip menu and goal: kept by their Room, edited from the studio. */
export const studioRoom = router()
  .openapi(route.menu, async (c) => {
    const { stub } = ownRoom(c);
    const [items, fanClubDiscountPercent] = await Promise.all([stub.tipMenu(), stub.fanClubDiscount()]);
    return c.json({ items, fanClubDiscountPercent }, 200);
  })
  .openapi(route.setMenu, async (c) => {
    const { stub, owner } = ownRoom(c);
    const items = await stub.setMenu(owner, c.req.valid('json').items);
    return c.json({ items, fanClubDiscountPercent: await stub.fanClubDiscount() }, 200);
  })
  .openapi(route.setDiscount, async (c) => {
    const { stub, owner } = ownRoom(c);
    const { percent } = c.req.valid('json');
    return c.json({ items: await stub.setFanClubDiscount(owner, percent), fanClubDiscountPercent: percent }, 200);
  })
  .openapi(route.goal, async (c) => c.json({ goal: await ownRoom(c).stub.goal() }, 200))
  .openapi(route.setGoal, async (c) => {
    return c.json({ goal: await setGoalOf(ownRoom(c), c.req.valid('json')) }, 200);
  })
  .openapi(route.endGoal, async (c) => {
    const { stub, owner } = ownRoom(c);
    return c.json({ goal: await stub.endGoal(owner) }, 200);
  });
