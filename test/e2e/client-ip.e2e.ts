import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../dev/stack.ts';

let stack: Stack | undefined;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const origin = () => stack!.origin;

describe('the local stack, like Cloudflare, takes the client address from the connection', () => {
  it('counts sign-in attempts by the socket, whatever CF-Connecting-IP each client claims', async () => {
    // Eleven wrong sign-ins at once, each for another email and claiming another address: the
    // per-address limit (10 a minute) still sees one client.
    const answers = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        fetch(`${origin()}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: origin(), 'CF-Connecting-IP': `198.51.100.${i + 1}` },
          body: JSON.stringify({
            email: `nobody-${i}-${crypto.randomUUID()}@example.com`,
            password: 'not the password',
          }),
        }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 401)).toHaveLength(10);
    expect(answers.filter((s) => s === 429)).toHaveLength(1);
  });

  it('still upgrades room sockets through the edge', async () => {
    const url = new URL('/rooms/nova/ws', origin());
    const status = await new Promise<number>((resolve, reject) => {
      const upgrade = request(url, {
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          Origin: origin(),
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64'),
        },
      });
      upgrade.on('upgrade', (response, socket) => {
        socket.destroy();
        resolve(response.statusCode ?? 0);
      });
      upgrade.on('response', (response) => resolve(response.statusCode ?? 0));
      upgrade.on('error', reject);
      upgrade.end();
    });
    expect(status).toBe(101);
  });
});
