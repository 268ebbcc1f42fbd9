import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  MarkReadBody,
  NotificationSettings,
  NotificationSettingsBody,
  NotificationsResponse,
  PushSubscriptionBody,
} from '../../../../wire/notifications.ts';
import { router } from '../../../app.ts';
import { hitRateLimit } from '../../../auth/rate-limit.ts';
import { currentUser } from '../../../auth/session.ts';
import { database } from '../../../db/index.ts';
import type { AppEnv } from '../../../env.ts';
import { listNotifications, markRead } from '../../../notifications/in-app.ts';
import { readSettings, saveSettings } from '../../../notifications/settings.ts';
import { deletePushSubscription, savePushSubscription, setMuted } from '../../../notifications/subscriptions.ts';
import { errors, json, jsonBody, noContent } from '../../../openapi.ts';
import { findVisiblePerformer } from '../../../performers/visible.ts';

const tags = ['Notifications'];

/** Every write counts against one window per account: a script flipping settings cannot hammer D1. */
const WRITES = { limit: 60, windowMs: 60_000 };
const limitWrites = (c: Context<AppEnv>) => hitRateLimit(c, [`notify-writes:user:${currentUser(c).id}`], WRITES);
const limited = [429, 'Too many changes in a minute'] as const;
const Handle = z.object({ handle: z.string().min(1).max(40) });

const route = {
  list: createRoute({
    method: 'get',
    path: '/notifications',
    tags,
    summary: 'Your in-app notifications, newest first, and how many are unread',
    responses: { 200: json(NotificationsResponse, 'The list'), ...errors([401, 'Not signed in']) },
  }),
  read: createRoute({
    method: 'post',
    path: '/notifications/read',
    tags,
    summary: 'Mark notifications read (the given ones, or all)',
    request: { body: jsonBody(MarkReadBody) },
    responses: { ...noContent, ...errors([400, 'Invalid ids'], [401, 'Not signed in'], limited) },
  }),
  settings: createRoute({
    method: 'get',
    path: '/notification-settings',
    tags,
    summary: 'Your notification channels, quiet hours and muted performers',
    responses: { 200: json(NotificationSettings, 'The settings'), ...errors([401, 'Not signed in']) },
  }),
  saveSettings: createRoute({
    method: 'put',
    path: '/notification-settings',
    tags,
    summary: 'Set your notification channels and quiet hours',
    request: { body: jsonBody(NotificationSettingsBody) },
    responses: {
      200: json(NotificationSettings, 'Saved'),
      ...errors([400, 'Invalid settings'], [401, 'Not signed in'], limited),
    },
  }),
  mute: createRoute({
    method: 'put',
    path: '/notification-settings/mutes/{handle}',
    tags,
    summary: 'Stop go-live notifications from one performer',
    request: { params: Handle },
    responses: { ...noContent, ...errors([401, 'Not signed in'], [404, 'No such performer'], limited) },
  }),
  unmute: createRoute({
    method: 'delete',
    path: '/notification-settings/mutes/{handle}',
    tags,
    summary: 'Hear from a muted performer again',
    request: { params: Handle },
    responses: { ...noContent, ...errors([401, 'Not signed in'], [404, 'No such performer'], limited) },
  }),
  subscribe: createRoute({
    method: 'post',
    path: '/push-subscriptions',
    tags,
    summary: "Register this browser's push subscription",
    request: { body: jsonBody(PushSubscriptionBody) },
    responses: { ...noContent, ...errors([400, 'Invalid subscription'], [401, 'Not signed in'], limited) },
  }),
  unsubscribe: createRoute({
    method: 'delete',
    path: '/push-subscriptions',
    tags,
    summary: "Remove this browser's push subscription",
    request: { body: jsonBody(PushSubscriptionBody.pick({ endpoint: true })) },
    responses: { ...noContent, ...errors([400, 'Invalid endpoint'], [401, 'Not signed in'], limited) },
  }),
};

/** The signed-in person's notifications, settings and push subscriptions, under /api/me. */
export const meNotifications = router()
  .openapi(route.list, async (c) => c.json(await listNotifications(database(c.env), currentUser(c).id), 200))
  .openapi(route.read, async (c) => {
    await limitWrites(c);
    await markRead(database(c.env), currentUser(c).id, c.req.valid('json').ids);
    return c.body(null, 204);
  })
  .openapi(route.settings, async (c) => c.json(await readSettings(database(c.env), currentUser(c).id), 200))
  .openapi(route.saveSettings, async (c) => {
    await limitWrites(c);
    const db = database(c.env);
    const userId = currentUser(c).id;
    await saveSettings(db, userId, c.req.valid('json'));
    return c.json(await readSettings(db, userId), 200);
  })
  .openapi(route.mute, async (c) => {
    await limitWrites(c);
    const { user } = await findVisiblePerformer(c, c.req.valid('param').handle);
    await setMuted(database(c.env), currentUser(c).id, user.id, true);
    return c.body(null, 204);
  })
  .openapi(route.unmute, async (c) => {
    await limitWrites(c);
    const { user } = await findVisiblePerformer(c, c.req.valid('param').handle);
    await setMuted(database(c.env), currentUser(c).id, user.id, false);
    return c.body(null, 204);
  })
  .openapi(route.subscribe, async (c) => {
    await limitWrites(c);
    await savePushSubscription(database(c.env), currentUser(c).id, c.req.valid('json'));
    return c.body(null, 204);
  })
  .openapi(route.unsubscribe, async (c) => {
    await limitWrites(c);
    await deletePushSubscription(database(c.env), currentUser(c).id, c.req.valid('json').endpoint);
    return c.body(null, 204);
  });
