import { describe, expect, it } from 'vitest';
import { Browser, errorOf } from '../client.ts';
import { newRoom, newViewer, RoomSocket } from './room-socket.ts';

describe('the room socket route', () => {
  it('asks for a WebSocket upgrade (426) when the request is plain HTTP', async () => {
    const { handle } = await newRoom();
    const response = await new Browser().fetch(`/rooms/${handle}/ws`);
    expect(response.status).toBe(426);
    expect(response.headers.get('Upgrade')).toBe('websocket');
  });

  it('refuses a cross-site Origin (403) and a missing one', async () => {
    const { handle } = await newRoom();
    const { browser } = await newViewer();
    for (const origin of ['https://evil.example', '']) {
      const response = await browser.fetch(`/rooms/${handle}/ws`, {
        headers: { Upgrade: 'websocket', Origin: origin },
      });
      expect(await errorOf(response)).toMatchObject({ status: 403, code: 'CROSS_SITE_REQUEST' });
    }
  });

  it('answers 404 for a handle that is not a performer', async () => {
    const viewer = await newViewer();
    for (const handle of ['nobody_here', viewer.handle]) {
      const response = await new Browser().fetch(`/rooms/${handle}/ws`, {
        headers: { Upgrade: 'websocket', Origin: 'https://encore.test' },
      });
      expect(await errorOf(response)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
  });

  it('ignores identity headers sent by the browser', async () => {
    const { handle, performerId } = await newRoom();
    const forged = JSON.stringify({ userId: performerId, handle, displayName: 'x', role: 'performer' });
    const response = await new Browser().fetch(`/rooms/${handle}/ws`, {
      headers: { Upgrade: 'websocket', Origin: 'https://encore.test', 'X-Encore-Identity': forged },
    });
    const ws = response.webSocket;
    expect(ws).toBeTruthy();
    ws?.accept();
    const message = new Promise<string>((resolve) => ws?.addEventListener('message', (e) => resolve(e.data as string)));
    ws?.send(JSON.stringify({ type: 'hello', version: 1 }));
    expect(JSON.parse(await message)).toMatchObject({ type: 'welcome', you: null });
  });

  it('treats an expired or forged session cookie as anonymous', async () => {
    const { handle } = await newRoom();
    const browser = new Browser();
    browser.cookies.set('encore_session', 'not-a-jwt');
    const { welcome } = await RoomSocket.join(handle, browser);
    expect(welcome.you).toBeNull();
  });
});
