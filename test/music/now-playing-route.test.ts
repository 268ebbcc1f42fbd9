import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { NowPlayingResponse, NowPlayingToken } from '../../wire/music.ts';
import { Browser, errorOf } from '../client.ts';
import { drained, newRoom, newViewer, RoomSocket } from '../room/room-socket.ts';

type Made = { token: NowPlayingToken; secret: string };

async function makeToken(performer: Browser, name = 'Booth laptop'): Promise<Made> {
  const response = await performer.post('/api/studio/now-playing/tokens', { name });
  expect(response.status).toBe(201);
  return (await response.json()) as Made;
}

/** The companion's post: a bearer token and no cookie, no Origin (it is not a browser). */
function postWithToken(secret: string, track: unknown, authorization = `Bearer ${secret}`): Promise<Response> {
  return new Browser().fetch('/api/studio/now-playing', {
    method: 'POST',
    json: track,
    headers: { Authorization: authorization, Origin: '' },
  });
}

async function tokensOf(performer: Browser): Promise<NowPlayingToken[]> {
  const response = await performer.fetch('/api/studio/now-playing/tokens');
  expect(response.status).toBe(200);
  return ((await response.json()) as { tokens: NowPlayingToken[] }).tokens;
}

const feedOf = async (performer: Browser) =>
  ((await (await performer.fetch('/api/studio/now-playing')).json()) as Pick<NowPlayingResponse, 'nowPlaying'>)
    .nowPlaying;

describe('now-playing tokens and POST /api/studio/now-playing', () => {
  it('posts the track with a token made in the studio; the room sees it and the token shows its last use', async () => {
    const { handle, performer } = await newRoom();
    const made = await makeToken(performer);
    expect(made.secret).toMatch(/^encnp_[\w-]{43}$/);
    expect(made.secret.startsWith(made.token.hint)).toBe(true);
    expect(made.token).toMatchObject({ name: 'Booth laptop', lastUsedAt: null });
    // Listed without the secret, and the secret is nowhere in the database.
    expect(await tokensOf(performer)).toEqual([made.token]);
    expect(
      await env.DB.prepare('select count(*) as n from now_playing_tokens where token_hash like ? or hint = ?')
        .bind(`%${made.secret.slice(6)}%`, made.secret)
        .first<{ n: number }>(),
    ).toEqual({ n: 0 });
    const { socket } = await RoomSocket.join(handle);
    const response = await postWithToken(made.secret, { title: 'Blue Monday', artist: 'New Order' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      repeat: false,
      nowPlaying: { current: { title: 'Blue Monday', artist: 'New Order' } },
    });
    const [event] = await socket.waitForEvents('track');
    expect(event?.nowPlaying.current?.title).toBe('Blue Monday');
    const [listed] = await tokensOf(performer);
    expect(listed?.lastUsedAt).not.toBeNull();
    // The same track again (the companion re-reading its file) is a repeat.
    expect(
      await (await postWithToken(made.secret, { title: 'Blue Monday', artist: 'New Order' })).json(),
    ).toMatchObject({
      repeat: true,
    });
  });

  it('answers a wrong, malformed or revoked token with a clear 401 and changes nothing', async () => {
    const { performer } = await newRoom();
    const made = await makeToken(performer);
    const track = { title: 'Nope', artist: 'Nobody' };
    const wrong = await errorOf(await postWithToken(`encnp_${'A'.repeat(43)}`, track));
    expect(wrong).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(wrong.message).toMatch(/not a now-playing token/);
    expect(await errorOf(await postWithToken('', track, `Basic ${btoa('a:b')}`))).toMatchObject({
      status: 401,
      message: 'Send the token as "Authorization: Bearer <token>"',
    });
    expect(await errorOf(await postWithToken('something-else', track))).toMatchObject({ status: 401 });
    expect(
      (await performer.fetch(`/api/studio/now-playing/tokens/${made.token.id}`, { method: 'DELETE' })).status,
    ).toBe(204);
    const revoked = await errorOf(await postWithToken(made.secret, track));
    expect(revoked).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(revoked.message).toMatch(/revoked/);
    expect(await tokensOf(performer)).toEqual([]);
    expect((await feedOf(performer)).current).toBeNull();
  });

  it('answers a network that keeps sending wrong tokens with 429, without counting good posts', async () => {
    const { performer } = await newRoom();
    const { secret } = await makeToken(performer);
    const guesser = new Browser();
    const guess = (token: string) =>
      guesser.fetch('/api/studio/now-playing', {
        method: 'POST',
        json: { title: 'x' },
        headers: { Authorization: `Bearer ${token}`, Origin: '' },
      });
    for (let n = 0; n < 20; n++) expect((await guess(`encnp_guess${n}`)).status).toBe(401);
    expect(await errorOf(await guess('encnp_guess20'))).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // The real token from another network still posts.
    expect((await postWithToken(secret, { title: 'Fine' })).status).toBe(200);
  });

  it('opens nothing but this one route: not the studio, not the tokens, not as a session cookie', async () => {
    const { performer } = await newRoom();
    const { secret } = await makeToken(performer);
    const bearer = { Authorization: `Bearer ${secret}`, Origin: '' };
    const asBearer = (path: string, init: RequestInit = {}) =>
      new Browser().fetch(path, { ...init, headers: { ...bearer, ...(init.headers ?? {}) } });
    for (const path of ['/api/studio/menu', '/api/studio/now-playing', '/api/studio/now-playing/tokens', '/api/me'])
      expect((await asBearer(path)).status).toBe(401);
    const json = { 'Content-Type': 'application/json' };
    const making = await asBearer('/api/studio/now-playing/tokens', {
      method: 'POST',
      body: '{"name":"x"}',
      headers: json,
    });
    expect(making.status).toBe(401);
    expect((await asBearer('/api/studio/now-playing', { method: 'DELETE' })).status).toBe(401);
    const cookie = new Browser();
    cookie.cookies.set('encore_session', secret);
    expect((await cookie.fetch('/api/studio/now-playing/tokens')).status).toBe(401);
  });

  it('lets the signed-in performer post and clear from the studio, and nobody else', async () => {
    const { handle, performer } = await newRoom();
    const response = await performer.post('/api/studio/now-playing', { title: 'Typed in', artist: '' });
    expect(response.status).toBe(200);
    expect((await feedOf(performer)).current).toMatchObject({ title: 'Typed in', artist: '' });
    const cleared = await performer.fetch('/api/studio/now-playing', { method: 'DELETE' });
    expect(await cleared.json()).toMatchObject({ nowPlaying: { current: null, recent: [{ title: 'Typed in' }] } });
    const viewer = await newViewer();
    expect(await errorOf(await viewer.browser.post('/api/studio/now-playing', { title: 'x' }))).toMatchObject({
      status: 403,
    });
    expect(await errorOf(await viewer.browser.post('/api/studio/now-playing/tokens', { name: 'x' }))).toMatchObject({
      status: 403,
    });
    expect(await errorOf(await new Browser().post('/api/studio/now-playing', { title: 'x' }))).toMatchObject({
      status: 401,
    });
    // A page on another site cannot ride the performer's cookie.
    const crossSite = await performer.fetch('/api/studio/now-playing', {
      method: 'POST',
      json: { title: 'x' },
      headers: { Origin: 'https://evil.example' },
    });
    expect(await errorOf(crossSite)).toMatchObject({ status: 403, code: 'CROSS_SITE_REQUEST' });
    expect((await RoomSocket.join(handle)).welcome.snapshot.nowPlaying.current).toBeNull();
  });

  it('refuses a bad track with a 400 and keeps the current one', async () => {
    const { performer } = await newRoom();
    const { secret } = await makeToken(performer);
    await postWithToken(secret, { title: 'Kept' });
    for (const body of [{ title: '' }, { title: 'x'.repeat(201) }, { artist: 'only' }, { title: 5 }, 'nope'])
      expect(await errorOf(await postWithToken(secret, body))).toMatchObject({ status: 400 });
    expect((await feedOf(performer)).current?.title).toBe('Kept');
  });

  it('limits posts per token, and another token of the same performer still posts', async () => {
    const { performer } = await newRoom();
    const first = await makeToken(performer, 'One');
    const second = await makeToken(performer, 'Two');
    for (let n = 0; n < 30; n++) expect((await postWithToken(first.secret, { title: `Track ${n}` })).status).toBe(200);
    const limited = await postWithToken(first.secret, { title: 'One too many' });
    expect(await errorOf(limited)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await postWithToken(second.secret, { title: 'Other token' })).status).toBe(200);
    expect((await feedOf(performer)).current?.title).toBe('Other token');
  });

  it('keeps each performer to their own tokens, and to ten at a time', async () => {
    const { performer } = await newRoom();
    const other = await newRoom();
    const theirs = await makeToken(other.performer);
    expect(
      await errorOf(await performer.fetch(`/api/studio/now-playing/tokens/${theirs.token.id}`, { method: 'DELETE' })),
    ).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await tokensOf(other.performer)).toHaveLength(1);
    // Their token posts to their room only.
    await postWithToken(theirs.secret, { title: 'Theirs' });
    expect((await feedOf(performer)).current).toBeNull();
    expect((await feedOf(other.performer)).current?.title).toBe('Theirs');
    for (let n = 0; n < 10; n++) await makeToken(performer, `Token ${n}`);
    expect(await errorOf(await performer.post('/api/studio/now-playing/tokens', { name: 'Eleventh' }))).toMatchObject({
      status: 409,
      code: 'LIMIT_REACHED',
    });
    expect(await errorOf(await performer.post('/api/studio/now-playing/tokens', { name: '  ' }))).toMatchObject({
      status: 400,
    });
  });

  it('refuses the token of a suspended account', async () => {
    const { performer, performerId } = await newRoom();
    const { secret } = await makeToken(performer);
    await env.DB.prepare("update users set status = 'suspended' where id = ?").bind(performerId).run();
    expect(await errorOf(await postWithToken(secret, { title: 'x' }))).toMatchObject({
      status: 403,
      code: 'ACCOUNT_SUSPENDED',
    });
  });

  it('makes many identical posts at once into one play the room sees once', async () => {
    const { handle, performer } = await newRoom();
    const { secret } = await makeToken(performer);
    const { socket } = await RoomSocket.join(handle);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => postWithToken(secret, { title: 'Burst', artist: 'Same' })),
    );
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as NowPlayingResponse[];
    expect(bodies.filter((b) => !b.repeat)).toHaveLength(1);
    await drained(handle, socket);
    expect(socket.eventsOf('track')).toHaveLength(1);
  });
});
