import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { EventLog } from '../../durable-objects/transport/event-log.ts';
import { Outbox } from '../../durable-objects/transport/outbox.ts';
import type { Attachment, Sockets } from '../../durable-objects/transport/sockets.ts';

/** Sockets as the Outbox sees them: some alive, some whose peer vanished (a send throws). */
function fakeSockets(alive: number, dead: number) {
  const closed = new Set<object>();
  const sends = new Map<object, number>();
  const socket = (gone: boolean) => ({
    send() {
      sends.set(this, (sends.get(this) ?? 0) + 1);
      if (gone) throw new Error('WebSocket closed');
    },
  });
  const all = [
    ...Array.from({ length: alive }, () => socket(false)),
    ...Array.from({ length: dead }, () => socket(true)),
  ];
  const attachment: Attachment = {
    identity: { userId: null, handle: 'guest', displayName: 'Guest', role: 'anonymous' },
    ready: true,
    chatTimes: [],
    badFrames: [],
  };
  let counts = 0;
  const sockets = {
    open: () => all.filter((ws) => !closed.has(ws)),
    of: () => attachment,
    markClosed: (ws: object) => closed.add(ws),
    viewers: () => {
      counts += 1;
      return all.filter((ws) => !closed.has(ws)).length;
    },
  };
  return { sockets: sockets as unknown as Sockets, all, sends, counts: () => counts };
}

describe('the outbox', () => {
  it('stops sending to a socket whose peer is gone at its first failed send and recounts viewers once', async () => {
    await runInDurableObject(env.ROOM.getByName(`outbox_${crypto.randomUUID()}`), (_room: Room, state) => {
      const { sockets, all, sends, counts } = fakeSockets(3, 2);
      const outbox = new Outbox(sockets, new EventLog({ sql: state.storage.sql }));
      for (let tick = 0; tick < 5; tick++) {
        outbox.publish({ kind: 'chat.cleared' });
        outbox.flush();
      }
      // The live sockets got every tick; the vanished ones were tried once, not at every tick until their
      // close arrives.
      expect(all.map((ws) => sends.get(ws))).toEqual([5, 5, 5, 1, 1]);
      expect(counts()).toBe(1);
      expect(outbox.viewers()).toBe(3);
    });
  });
});
