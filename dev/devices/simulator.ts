/**
 * The device simulator: pretend hardware for the studio's Devices panel, so anyone can try tip reactions
 * without a toy, and the tests can check what a device was told. One loopback HTTP server:
 *   WebSocket (any path, e.g. ws://127.0.0.1:<port>/buttplug)  a Buttplug server (buttplug-session.ts), two
 *                                     devices: "Encore simulator vibe" (vibrate) and "... twist" (vibrate, rotate)
 *   POST /command                     the Lovense local API stand-in (lovense-local-api.ts): lush and nora
 *   GET  /commands?since=<seq>        every command received, with its arrival time (epoch ms), as JSON
 *   DELETE /commands                  forget them (tests)
 *   GET  /state                       devices and their current levels
 *   POST /faults                      { refuse?: boolean, remove?: name, restore?: true } for fault tests
 *   GET  /                            a page with a meter per device, for humans
 * Local only: `npm run dev` and the test stack start it; production never does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { ButtplugSession } from './buttplug-session.ts';
import { LovenseLocalApi } from './lovense-local-api.ts';
import { DeviceRecord } from './simulated-devices.ts';
import { SIMULATOR_PAGE } from './simulator-page.ts';

export type DeviceSimulator = {
  /** http://127.0.0.1:<port>: the Lovense stand-in's base and the record. */
  url: string;
  /** ws://127.0.0.1:<port>/buttplug */
  buttplugUrl: string;
  record: DeviceRecord;
  close(): Promise<void>;
};

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type, x-platform',
  // Chromium's Private Network Access preflight, for a page served from elsewhere.
  'Access-Control-Allow-Private-Network': 'true',
};

export async function startDeviceSimulator(options: { port?: number } = {}): Promise<DeviceSimulator> {
  const record = new DeviceRecord();
  const lovense = new LovenseLocalApi(record);
  const sessions = new Set<ButtplugSession>();
  record.onChange(() => {
    for (const session of sessions) session.devicesChanged();
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const route = `${req.method} ${url.pathname}`;
    if (req.method === 'OPTIONS') return send(res, 204, null);
    switch (route) {
      case 'POST /command':
        return send(res, 200, lovense.command(await readJson(req)));
      case 'GET /commands':
        return send(res, 200, record.since(Number(url.searchParams.get('since') ?? 0)));
      case 'DELETE /commands':
        record.clear();
        return send(res, 204, null);
      case 'GET /state':
        return send(res, 200, { devices: record.devices, commands: record.commands.slice(-30) });
      case 'POST /faults':
        return send(res, 200, fault(record, await readJson(req)));
      case 'GET /':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(SIMULATOR_PAGE);
        return;
      default:
        return send(res, 404, { error: `no route for ${route}` });
    }
  }

  const sockets = new WebSocketServer({ noServer: true });
  // Upgraded sockets leave the HTTP server's books: closing the simulator must end them itself.
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    sockets.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      const session = new ButtplugSession(record, (frames) => {
        if (ws.readyState === 1) ws.send(JSON.stringify(frames));
      });
      sessions.add(session);
      ws.on('message', (data) => session.receive(data.toString()));
      ws.on('close', () => {
        clients.delete(ws);
        sessions.delete(session);
        session.closed();
      });
      ws.on('error', () => ws.terminate());
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    buttplugUrl: `ws://127.0.0.1:${port}/buttplug`,
    record,
    close: async () => {
      lovense.close();
      for (const ws of clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function fault(record: DeviceRecord, body: unknown): { ok: true } {
  const { refuse, remove, restore } = (body ?? {}) as { refuse?: boolean; remove?: string; restore?: boolean };
  if (typeof refuse === 'boolean') record.refusing = refuse;
  for (const device of record.devices) {
    if (device.name === remove) {
      device.present = false;
      for (const feature of Object.keys(device.levels)) device.levels[feature] = 0;
    }
    if (restore) device.present = true;
  }
  record.changed();
  return { ok: true };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...CORS, ...(body === null ? {} : { 'content-type': 'application/json' }) });
  res.end(body === null ? undefined : JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 100_000) throw new Error('body too large');
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
