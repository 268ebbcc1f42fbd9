import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageSources, pageWeight, ROOM_BUDGET_BYTES, ROOM_ON_DEMAND } from '../../bench/page-weight.ts';

// Over the production build (npm test builds it first): the room page must not grow back past its budget.
const dist = new URL('../../web/dist/', import.meta.url).pathname;

describe('the weight of the room page', () => {
  it('loads at most its budget of gzipped JavaScript on a cold visit (50 KB, issue 18)', () => {
    expect(existsSync(`${dist}.vite/manifest.json`), 'build the web app first: npm run build').toBe(true);
    const room = pageWeight(dist, 'room');
    const listing = room.files.map((f) => `${f.file} ${f.gzip}`).join('\n');
    expect(room.gzip, `room page chunks (gzip bytes):\n${listing}`).toBeLessThanOrEqual(ROOM_BUDGET_BYTES);
  });

  it('leaves the show panel, the fan-club join, the song requests and the full tip form to load on demand', () => {
    const sources = pageSources(dist, pageWeight(dist, 'room'));
    expect(sources.length).toBeGreaterThan(10);
    for (const module of ROOM_ON_DEMAND)
      expect(
        sources.filter((s) => s.endsWith(module)),
        module,
      ).toEqual([]);
  });

  it('does not load zod: the room page checks frames without it', () => {
    const room = pageWeight(dist, 'room');
    const home = pageWeight(dist, 'home');
    // The zod chunk is named after its module (schemas.js); neither page may fetch it cold.
    expect(room.files.filter((f) => /schemas/.test(f.file))).toEqual([]);
    expect(home.files.filter((f) => /schemas/.test(f.file))).toEqual([]);
  });
});
