import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { DirectoryResponse, OfflineResponse } from '../wire/directory.ts';
import type { FollowingResponse } from '../wire/profile.ts';
import { Browser, errorOf, signedUp } from './client.ts';
import { newUser } from './money/fixtures.ts';

/** A unique word, so each test finds only its own rooms in the shared database. */
const word = () => `t-${crypto.randomUUID().slice(0, 8)}`;

type Listed = { id: string; handle: string };

/** An approved performer put straight into the directory (the Room's write, without the Room). */
async function listedLive(
  tags: string[],
  { viewers = 0, startedAt = Date.now(), name }: { viewers?: number; startedAt?: number; name?: string } = {},
): Promise<Listed> {
  const id = await newUser('performer');
  const user = await env.DB.prepare('select handle from users where id = ?').bind(id).first<{ handle: string }>();
  const handle = user?.handle ?? '';
  if (name) await env.DB.prepare('update users set display_name = ? where id = ?').bind(name, id).run();
  await env.DB.prepare(
    `insert into live_rooms (performer_id, handle, title, tags, viewers, started_at, updated_at)
     values (?, ?, 'Show', ?, ?, ?, ?)`,
  )
    .bind(id, handle, JSON.stringify(tags), viewers, startedAt, startedAt)
    .run();
  return { id, handle };
}

async function offlinePerformer(tags: string[], schedule: unknown = null): Promise<Listed> {
  const id = await newUser('performer');
  await env.DB.prepare('update performer_profiles set tags = ?, schedule = ? where user_id = ?')
    .bind(JSON.stringify(tags), schedule === null ? null : JSON.stringify(schedule), id)
    .run();
  const user = await env.DB.prepare('select handle from users where id = ?').bind(id).first<{ handle: string }>();
  return { id, handle: user?.handle ?? '' };
}

async function live(query: string, browser = new Browser()): Promise<DirectoryResponse> {
  const response = await browser.fetch(`/api/rooms?${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

async function offline(query: string, browser = new Browser()): Promise<OfflineResponse> {
  const response = await browser.fetch(`/api/rooms/offline?${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

/** A visitor the Worker places in `country`, through the local test header. */
function visitorIn(country: string): Browser {
  const browser = new Browser();
  const fetch = browser.fetch.bind(browser);
  browser.fetch = (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('X-Encore-Test-Country', country);
    return fetch(path, { ...init, headers });
  };
  return browser;
}

const handles = (r: DirectoryResponse) => r.rooms.map((room) => room.handle);

describe('the live directory', () => {
  it('finds a room by a tag, by part of the performer’s name and by part of the handle', async () => {
    const tag = word();
    const name = `Zephyrine ${crypto.randomUUID().slice(0, 6)}`;
    const room = await listedLive([tag, 'jazz'], { name });
    await listedLive(['jazz']);

    expect(handles(await live(`q=${tag}`))).toEqual([room.handle]);
    expect(handles(await live(`q=${encodeURIComponent(name.slice(2, 12).toUpperCase())}`))).toContain(room.handle);
    expect(handles(await live(`q=${room.handle.slice(2)}`))).toEqual([room.handle]);
    expect(handles(await live(`q=nothing-${word()}`))).toEqual([]);
  });

  it('treats % and _ typed in the search as letters, not wildcards', async () => {
    await listedLive([word()]);
    expect(handles(await live('q=%25'))).toEqual([]);
    expect(handles(await live('q=_'))).not.toHaveLength(0); // every handle has an underscore
    expect(handles(await live('q=h%5F%25'))).toEqual([]);
  });

  it('filters by a tag and by a search together', async () => {
    const tag = word();
    const both = await listedLive([tag, 'piano'], { name: 'Piano Paula' });
    await listedLive([tag], { name: 'Drum Dora' });
    expect(handles(await live(`tag=${tag}&q=paula`))).toEqual([both.handle]);
    expect((await live(`tag=${tag}`)).rooms).toHaveLength(2);
  });

  it('sorts by viewers or by newest, and says which page comes next', async () => {
    const tag = word();
    const old = await listedLive([tag], { viewers: 50, startedAt: Date.now() - 3_600_000 });
    const busy = await listedLive([tag], { viewers: 900, startedAt: Date.now() - 1_800_000 });
    const fresh = await listedLive([tag], { viewers: 3, startedAt: Date.now() });
    expect(handles(await live(`tag=${tag}`))).toEqual([busy.handle, old.handle, fresh.handle]);
    expect(handles(await live(`tag=${tag}&sort=newest`))).toEqual([fresh.handle, busy.handle, old.handle]);
    expect((await live(`tag=${tag}`)).nextPage).toBeNull();
  });

  it('pages through more rooms than fit on one page, each room exactly once', async () => {
    const tag = word();
    const made = await Promise.all(Array.from({ length: 30 }, (_, i) => listedLive([tag], { viewers: i })));
    const first = await live(`tag=${tag}`);
    expect(first.rooms).toHaveLength(24);
    expect(first.nextPage).toBe(2);
    const second = await live(`tag=${tag}&page=2`);
    expect(second.rooms).toHaveLength(6);
    expect(second.nextPage).toBeNull();
    expect([...handles(first), ...handles(second)].sort()).toEqual(made.map((m) => m.handle).sort());
  });

  it('never lists a performer hidden from the viewer’s country, and pages stay full without them', async () => {
    const tag = word();
    const hidden = await listedLive([tag], { viewers: 1000 });
    await env.DB.prepare(`update performer_profiles set blocked_regions = '["DE"]' where user_id = ?`)
      .bind(hidden.id)
      .run();
    await Promise.all(Array.from({ length: 24 }, () => listedLive([tag])));
    const fromGermany = await live(`tag=${tag}`, visitorIn('DE'));
    expect(handles(fromGermany)).not.toContain(hidden.handle);
    expect(fromGermany.rooms).toHaveLength(24);
    expect(fromGermany.nextPage).toBeNull();
    expect(handles(await live(`q=${hidden.handle}`, visitorIn('DE')))).toEqual([]);
    expect(handles(await live(`tag=${tag}`, visitorIn('FR')))[0]).toBe(hidden.handle);
  });

  it('leaves out suspended performers', async () => {
    const tag = word();
    const room = await listedLive([tag]);
    await env.DB.prepare(`update users set status = 'suspended' where id = ?`).bind(room.id).run();
    expect(handles(await live(`tag=${tag}`))).toEqual([]);
  });

  it('refuses a bad sort, tag or page with a validation error', async () => {
    for (const query of ['sort=random', 'tag=Not%20a%20tag!', 'page=0', 'page=x']) {
      const error = await errorOf(await new Browser().fetch(`/api/rooms?${query}`));
      expect({ query, status: error.status, code: error.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });
});

describe('the offline directory', () => {
  const schedule = { timeZone: 'Europe/Berlin', slots: [{ day: 'fri', start: '20:00', end: '23:00' }] };

  it('lists verified performers who are not live, with their schedule, those with one first', async () => {
    const tag = word();
    const unscheduled = await offlinePerformer([tag]);
    const scheduled = await offlinePerformer([tag], schedule);
    const onAir = await listedLive([tag]);
    await env.DB.prepare('update performer_profiles set tags = ? where user_id = ?')
      .bind(JSON.stringify([tag]), onAir.id)
      .run();
    const found = await offline(`tag=${tag}`);
    expect(found.performers.map((p) => p.handle)).toEqual([scheduled.handle, unscheduled.handle]);
    expect(found.performers[0]?.schedule).toEqual(schedule);
    expect(found.performers[1]?.schedule).toBeNull();
  });

  it('finds an offline performer by name or tag, and leaves out the unverified and the hidden', async () => {
    const tag = word();
    const shown = await offlinePerformer([tag]);
    const unverified = await offlinePerformer([tag]);
    await env.DB.prepare(`update performer_profiles set kyc_status = 'none' where user_id = ?`)
      .bind(unverified.id)
      .run();
    const hidden = await offlinePerformer([tag]);
    await env.DB.prepare(`update performer_profiles set blocked_regions = '["US-TX"]' where user_id = ?`)
      .bind(hidden.id)
      .run();
    const texas = new Browser();
    const fetch = texas.fetch.bind(texas);
    texas.fetch = (path, init = {}) =>
      fetch(path, { ...init, headers: { 'X-Encore-Test-Country': 'US', 'X-Encore-Test-Region': 'TX' } });
    expect((await offline(`q=${tag}`)).performers.map((p) => p.handle).sort()).toEqual(
      [shown.handle, hidden.handle].sort(),
    );
    expect((await offline(`q=${tag}`, texas)).performers.map((p) => p.handle)).toEqual([shown.handle]);
    expect((await offline(`q=${shown.handle}`)).performers.map((p) => p.handle)).toEqual([shown.handle]);
  });
});

describe('the signed-in home’s Following list', () => {
  it('leads with the followed performers who are live now, with their show, then the rest', async () => {
    const fan = await signedUp();
    const quiet = await offlinePerformer([]);
    const onAir = await listedLive([], { viewers: 7 });
    await env.DB.prepare('update live_rooms set title = ? where performer_id = ?').bind('Late set', onAir.id).run();
    for (const { handle } of [quiet, onAir])
      expect((await fan.browser.post(`/api/performers/${handle}/follow`)).status).toBe(200);
    const { performers } = (await (await fan.browser.fetch('/api/me/following')).json()) as FollowingResponse;
    expect(performers.map((p) => [p.handle, p.live])).toEqual([
      [onAir.handle, { title: 'Late set', viewers: 7, thumbnailUrl: null }],
      [quiet.handle, null],
    ]);
  });
});
