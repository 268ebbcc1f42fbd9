import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../wire/room.ts';
import { Browser } from '../client.ts';
import { clientId, liveRoom, newViewer, RoomSocket } from './room-socket.ts';

describe('signing out and open room sockets', () => {
  it('closes the room sockets of a signed-out session, so a copy of its cookie cannot go on tipping', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer(100);
    // Someone holding a copy of the cookie joined the room before the owner signed out.
    const copy = new Browser();
    copy.cookies.set('encore_session', fan.browser.cookies.get('encore_session') ?? '');
    const { socket, welcome } = await RoomSocket.join(handle, copy);
    expect(welcome.you?.handle).toBe(fan.handle);
    expect((await fan.browser.post('/api/auth/logout')).status).toBe(204);
    expect((await socket.closed).code).toBe(CloseCode.SESSION_ENDED);
    // Coming back with the revoked cookie is coming back as a guest, who cannot tip.
    const { socket: back, welcome: again } = await RoomSocket.join(handle, copy);
    expect(again.you).toBeNull();
    const id = clientId();
    back.send({ type: 'tip.send', clientId: id, amount: 10 });
    expect(await back.next('rejected', (m) => m.clientId === id)).toMatchObject({ reason: 'SIGN_IN_REQUIRED' });
  });

  it('closes every room socket of the account when it signs out everywhere', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer();
    const { socket } = await RoomSocket.join(handle, fan.browser);
    expect((await fan.browser.post('/api/auth/logout-everywhere')).status).toBe(204);
    expect((await socket.closed).code).toBe(CloseCode.SESSION_ENDED);
  });
});
