import { describe, expect, it } from 'vitest';
import { filteredWord, wordFilter } from '../../durable-objects/moderation/word-filter.ts';
import { moderate, outcome, say } from './moderation-helpers.ts';
import { clientId, drained, expectNoError, later, liveRoom, newViewer, RoomSocket } from './room-socket.ts';

describe('the word filter', { timeout: 20_000 }, () => {
  const filter = wordFilter(['bad', 'cash app']);

  it('catches a listed word whatever its case, accents, look-alikes or spacing', () => {
    for (const text of [
      'bad',
      'so BAD',
      'b a d',
      'b.a.d!',
      'B-a-D',
      'b4d',
      'bád',
      'b ad',
      'my Cashapp is',
      'c a s h  a p p',
    ]) {
      expect(filteredWord(text, filter), text).toBeDefined();
    }
  });

  it('leaves words that only contain a listed word alone', () => {
    for (const text of ['badminton', 'a badge', 'abad', 'cash is fine', 'the app is good', 'hello']) {
      expect(filteredWord(text, filter), text).toBeUndefined();
    }
  });
});

describe('chat rules in a room', { timeout: 20_000 }, () => {
  it('refuses a filtered message (performer’s list and platform list) with FILTERED and shows nothing', async () => {
    const { handle, performer } = await liveRoom();
    const { socket: stage } = await RoomSocket.join(handle, performer);
    expect(outcome(await moderate(stage, { kind: 'words', words: ['Bad', 'worse'] }))).toBe('accepted');
    const fan = await newViewer();
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const { socket: watcher } = await RoomSocket.join(handle);
    for (const text of ['this is B A D', 'w o r s e', 'pay me on venmo']) {
      const answer = await say(socket, text);
      expect(answer).toMatchObject({ type: 'rejected', of: 'chat.send', reason: 'FILTERED' });
    }
    expect(outcome(await say(socket, 'this is good'))).toBe('accepted');
    await watcher.waitForEvents('chat', 1);
    await drained(handle, watcher);
    expect(watcher.eventsOf('chat').map((e) => e.message.text)).toEqual(['this is good']);
    expectNoError(socket);
  });

  it('slow mode: a viewer waits between messages, the performer and moderators do not; all see the modes', async () => {
    const { handle, performer } = await liveRoom();
    const fan = await newViewer();
    const mod = await newViewer();
    const { socket: stage } = await RoomSocket.join(handle, performer);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const { socket: modSocket } = await RoomSocket.join(handle, mod.browser);
    expect(outcome(await moderate(stage, { kind: 'appoint', handle: mod.handle }))).toBe('accepted');
    expect(outcome(await moderate(stage, { kind: 'modes', modes: { slowSeconds: 1 } }))).toBe('accepted');
    const [modes] = await socket.waitForEvents('modes');
    expect(modes?.modes).toEqual({ slowSeconds: 1, followersOnly: false, tippersOnly: false, fanClubOnly: false });
    expect((await RoomSocket.join(handle)).welcome.snapshot.modes.slowSeconds).toBe(1);

    expect(outcome(await say(socket, 'one'))).toBe('accepted');
    expect(await say(socket, 'two')).toMatchObject({ type: 'rejected', reason: 'SLOW_MODE' });
    for (const text of ['a', 'b']) {
      expect(outcome(await say(stage, text))).toBe('accepted');
      expect(outcome(await say(modSocket, text))).toBe('accepted');
    }
    await later(handle, 1_100);
    expect(outcome(await say(socket, 'three'))).toBe('accepted');
  });

  it('followers-only: a follower chats, someone who does not follow is refused', async () => {
    const { handle, performer } = await liveRoom();
    const follower = await newViewer();
    const stranger = await newViewer();
    expect((await follower.browser.post(`/api/performers/${handle}/follow`)).status).toBe(200);
    const { socket: stage } = await RoomSocket.join(handle, performer);
    expect(outcome(await moderate(stage, { kind: 'modes', modes: { followersOnly: true } }))).toBe('accepted');
    const { socket: a } = await RoomSocket.join(handle, follower.browser);
    const { socket: b } = await RoomSocket.join(handle, stranger.browser);
    expect(outcome(await say(a, 'I follow'))).toBe('accepted');
    expect(await say(b, 'I do not')).toMatchObject({ type: 'rejected', reason: 'FOLLOWERS_ONLY' });
    expect(outcome(await say(stage, 'performer is exempt'))).toBe('accepted');
    expect(outcome(await moderate(stage, { kind: 'modes', modes: { followersOnly: false } }))).toBe('accepted');
    expect(outcome(await say(b, 'now I can'))).toBe('accepted');
  });

  it('tippers-only: someone who tipped in this room chats, someone who did not is refused', async () => {
    const { handle, performer } = await liveRoom();
    const tipper = await newViewer(100);
    const other = await newViewer(100);
    const { socket: stage } = await RoomSocket.join(handle, performer);
    expect(outcome(await moderate(stage, { kind: 'modes', modes: { tippersOnly: true } }))).toBe('accepted');
    const { socket: a } = await RoomSocket.join(handle, tipper.browser);
    const { socket: b } = await RoomSocket.join(handle, other.browser);
    expect(await say(a, 'before tipping')).toMatchObject({ type: 'rejected', reason: 'TIPPERS_ONLY' });
    const id = clientId();
    a.send({ type: 'tip.send', clientId: id, amount: 10, anonymous: true });
    await a.next('tip.result', (m) => m.clientId === id);
    expect(outcome(await say(a, 'after tipping'))).toBe('accepted');
    expect(await say(b, 'never tipped')).toMatchObject({ type: 'rejected', reason: 'TIPPERS_ONLY' });
  });

  it('refuses mode and word changes from a viewer, and words from a moderator', async () => {
    const { handle, performer } = await liveRoom();
    const fan = await newViewer();
    const mod = await newViewer();
    const { socket: stage } = await RoomSocket.join(handle, performer);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const { socket: modSocket } = await RoomSocket.join(handle, mod.browser);
    await moderate(stage, { kind: 'appoint', handle: mod.handle });
    expect(await moderate(socket, { kind: 'modes', modes: { slowSeconds: 5 } })).toMatchObject({
      type: 'rejected',
      of: 'mod.action',
      reason: 'FORBIDDEN',
    });
    expect(await moderate(modSocket, { kind: 'words', words: ['x'] })).toMatchObject({
      type: 'rejected',
      reason: 'FORBIDDEN',
    });
    expect(outcome(await moderate(modSocket, { kind: 'modes', modes: { slowSeconds: 5 } }))).toBe('accepted');
    expect((await RoomSocket.join(handle)).welcome.snapshot.modes.slowSeconds).toBe(5);
  });
});
