import { DurableObject } from 'cloudflare:workers';

/**
 * One Room per performer room (SQLite-backed). The live-room issue gives it chat, tips and
 * presence; for now it exists so the binding and its storage class are in place from day one.
 */
export class Room extends DurableObject<Env> {
  override async fetch(): Promise<Response> {
    return Response.json({ error: { code: 'NOT_FOUND', message: 'Rooms open with the live-room release' } }, { status: 404 });
  }
}
