import { useEffect, useState } from 'preact/hooks';
import type { ModerationPanel, ViewerList } from '../../../../../wire/moderation.ts';
import type { RoomConnection } from '../room-connection.ts';

const REFRESH_MS = 5_000;

type Asked = { 'mod.panel': ModerationPanel; 'mod.viewers': ViewerList };
export type Loaded<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; message: string };

/**
 * Asks the Room for the moderation panel or the viewer list while the connection is live, again
 * every few seconds, and at once when `refresh` is called (after an action).
 */
export function useRoomAnswer<K extends keyof Asked>(room: RoomConnection, type: K): [Loaded<Asked[K]>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<Asked[K]>>({ state: 'loading' });
  const [nonce, setNonce] = useState(0);
  const live = room.connection.value === 'live';
  useEffect(() => {
    if (!live) return;
    let gone = false;
    const load = async () => {
      const answer = await room.ask({ type, clientId: crypto.randomUUID() });
      if (gone) return;
      if (answer.type === 'mod.panel' && type === 'mod.panel')
        setLoaded({ state: 'ready', data: answer.panel as Asked[K] });
      else if (answer.type === 'mod.viewers' && type === 'mod.viewers')
        setLoaded({ state: 'ready', data: answer.viewers as Asked[K] });
      else if (answer.type === 'rejected')
        setLoaded((now) => (now.state === 'ready' ? now : { state: 'failed', message: answer.message }));
    };
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      gone = true;
      clearInterval(timer);
    };
  }, [room, type, live, nonce]);
  return [loaded, () => setNonce((n) => n + 1)];
}
