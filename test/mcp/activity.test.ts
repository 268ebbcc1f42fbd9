import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../workers/db/index.ts';
import { recentActivity, recordActivity } from '../../workers/mcp/activity.ts';
import { newRoom } from '../room/room-socket.ts';
import { callOk, callRefused, connectedApp } from './mcp-client.ts';

const db = () => database(env);

describe('the activity log of connected apps', () => {
  it('records every call, answered or refused, with the app, the tool and how it ended', async () => {
    const { handle, performerId } = await newRoom();
    const { client, caller } = await connectedApp({ userId: performerId, handle }, ['profile']);
    const unscoped = await connectedApp({ userId: performerId, handle }, ['room'], caller.client);
    await callOk(client, 'profile_read');
    await callRefused(client, 'profile_update', { bio: 42 });
    await callRefused(unscoped.client, 'profile_update', { bio: 'no' });
    await callRefused(client, 'no_such_tool');
    const entries = await recentActivity(db(), performerId, { limit: 10 });
    expect(entries.map((e) => [e.tool, e.outcome]).reverse()).toEqual([
      ['profile_read', 'ok'],
      ['profile_update', 'VALIDATION_FAILED'],
      ['profile_update', 'FORBIDDEN'],
      ['no_such_tool', 'NOT_FOUND'],
    ]);
    expect(new Set(entries.map((e) => `${e.clientId} ${e.clientName}`))).toEqual(
      new Set([`${caller.client.id} Test Assistant`]),
    );
  });

  it('lists one app’s calls apart from another’s, and never another performer’s', async () => {
    const mine = await newRoom();
    const theirs = await newRoom();
    const first = await connectedApp({ userId: mine.performerId, handle: mine.handle }, ['profile']);
    const second = await connectedApp({ userId: mine.performerId, handle: mine.handle }, ['profile'], {
      id: 'app_second',
      name: 'Second App',
    });
    const other = await connectedApp({ userId: theirs.performerId, handle: theirs.handle }, ['profile']);
    await callOk(first.client, 'profile_read');
    await callOk(second.client, 'profile_read');
    await callOk(second.client, 'profile_read');
    await callOk(other.client, 'profile_read');
    expect(await recentActivity(db(), mine.performerId, { limit: 10 })).toHaveLength(3);
    const onlySecond = await recentActivity(db(), mine.performerId, { clientId: 'app_second', limit: 10 });
    expect(onlySecond.map((e) => e.clientName)).toEqual(['Second App', 'Second App']);
    expect(await recentActivity(db(), theirs.performerId, { clientId: 'app_second', limit: 10 })).toEqual([]);
  });

  it('gives the newest first and at most the limit asked', async () => {
    const { performerId } = await newRoom();
    const client = { id: 'app_x', name: 'X' };
    for (let at = 1; at <= 5; at++)
      await recordActivity(db(), { performerId, client, tool: `t${at}`, outcome: 'ok', at });
    const entries = await recentActivity(db(), performerId, { limit: 2 });
    expect(entries.map((e) => e.tool)).toEqual(['t5', 't4']);
  });

  it('answers the tool call even when the log cannot be written', async () => {
    const { handle, performerId } = await newRoom();
    const { client } = await connectedApp({ userId: performerId, handle }, ['profile']);
    // The performer's row gone from under the grant: the activity insert breaks its foreign key.
    await env.DB.prepare('pragma foreign_keys = on').run();
    await env.DB.prepare('delete from users where id = ?').bind(performerId).run();
    const refusal = await callRefused(client, 'profile_read');
    expect(refusal.code).toBe('NOT_FOUND');
    expect(await recentActivity(db(), performerId, { limit: 10 })).toEqual([]);
  });
});
