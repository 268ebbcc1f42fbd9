import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { DirectoryResponse } from '../wire/directory.ts';
import { Browser } from './client.ts';
import { newUser } from './money/fixtures.ts';

// A file of its own: storage is per test file, so these counts see only the rooms made here.

/** An approved performer put straight into the directory (the Room's write, without the Room). */
async function listedLive(tags: string[]): Promise<string> {
  const id = await newUser('performer');
  const user = await env.DB.prepare('select handle from users where id = ?').bind(id).first<{ handle: string }>();
  const now = Date.now();
  await env.DB.prepare(
    `insert into live_rooms (performer_id, handle, title, tags, viewers, started_at, updated_at)
     values (?, ?, 'Show', ?, 0, ?, ?)`,
  )
    .bind(id, user?.handle ?? '', JSON.stringify(tags), now, now)
    .run();
  return id;
}

async function popular(query = '', country = ''): Promise<DirectoryResponse['popularTags']> {
  const browser = new Browser();
  const response = await browser.fetch(`/api/rooms?${query}`, {
    headers: country ? { 'X-Encore-Test-Country': country } : {},
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as DirectoryResponse).popularTags;
}

describe('the directory’s tag filters', () => {
  it('come from all live rooms, most used first, whatever the page shows; hidden rooms do not count', async () => {
    expect(await popular()).toEqual([]);
    await Promise.all([
      ...Array.from({ length: 3 }, () => listedLive(['synth', 'jazz'])),
      listedLive(['jazz']),
      listedLive(['ambient']),
    ]);
    const hidden = await listedLive(['ambient', 'secret']);
    await env.DB.prepare(`update performer_profiles set blocked_regions = '["DE"]' where user_id = ?`)
      .bind(hidden)
      .run();
    const suspended = await listedLive(['gone']);
    await env.DB.prepare(`update users set status = 'suspended' where id = ?`).bind(suspended).run();

    const everywhere = [
      { tag: 'jazz', rooms: 4 },
      { tag: 'synth', rooms: 3 },
      { tag: 'ambient', rooms: 2 },
      { tag: 'secret', rooms: 1 },
    ];
    expect(await popular()).toEqual(everywhere);
    // A search or a tag narrows the rooms, not the filters: the other tags stay one click away.
    expect(await popular('tag=ambient')).toEqual(everywhere);
    expect(await popular('q=nobody-matches-this')).toEqual(everywhere);
    expect(await popular('', 'DE')).toEqual([
      { tag: 'jazz', rooms: 4 },
      { tag: 'synth', rooms: 3 },
      { tag: 'ambient', rooms: 1 },
    ]);
  });

  it('offers at most twelve, ties in alphabetical order', async () => {
    await Promise.all(Array.from({ length: 14 }, (_, n) => listedLive([`tie-${String(n).padStart(2, '0')}`])));
    const tags = await popular();
    expect(tags).toHaveLength(12);
    expect(tags.slice(0, 3).map((t) => t.tag)).toEqual(['jazz', 'synth', 'ambient']);
    const ties = tags.slice(4).map((t) => t.tag);
    expect(ties).toEqual([...ties].sort());
    expect(ties[0]).toBe('tie-00');
  });
});
