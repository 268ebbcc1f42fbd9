import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../wire/admin-audit.ts';
import { auditStatement } from '../../workers/audit/log.ts';
import { asAdmin } from '../access-token.ts';
import { Browser, errorOf } from '../client.ts';
import { asAdminFetch } from './fixtures.ts';

const page = async (query: string) => (await (await asAdminFetch(`/api/admin/audit?${query}`)).json()) as AuditPage;

describe('the audit log', () => {
  it('refuses UPDATE and DELETE: it is append-only', async () => {
    await auditStatement(env.DB, {
      actor: 'admin@encore.local',
      action: 'test.append',
      objectType: 'test',
      objectId: 't1',
    }).run();
    await expect(
      env.DB.prepare("update audit_log set actor = 'someone-else' where object_id = 't1'").run(),
    ).rejects.toThrow(/append-only|not allowed|abort/i);
    await expect(env.DB.prepare("delete from audit_log where object_id = 't1'").run()).rejects.toThrow(
      /append-only|not allowed|abort/i,
    );
    expect(await env.DB.prepare("select actor from audit_log where object_id = 't1'").first('actor')).toBe(
      'admin@encore.local',
    );
  });

  it('filters by actor, action prefix, object and time, newest first, in pages', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const now = Date.now();
    await env.DB.batch(
      Array.from({ length: 5 }, (_, i) =>
        auditStatement(
          env.DB,
          {
            actor: `${tag}@encore.local`,
            action: i % 2 ? `report.dismiss` : `user.suspend`,
            objectType: 'user',
            objectId: `${tag}-${i}`,
            ip: '203.0.113.9',
            detail: { i },
          },
          now - (5 - i) * 60_000,
        ),
      ),
    );
    const mine = await page(`actor=${tag}&limit=2`);
    expect(mine.entries.map((e) => e.objectId)).toEqual([`${tag}-4`, `${tag}-3`]);
    expect(mine.nextCursor).not.toBeNull();
    const next = await page(`actor=${tag}&limit=2&before=${mine.nextCursor}`);
    expect(next.entries.map((e) => e.objectId)).toEqual([`${tag}-2`, `${tag}-1`]);
    expect((await page(`actor=${tag}&action=report.`)).entries.map((e) => e.objectId)).toEqual([
      `${tag}-3`,
      `${tag}-1`,
    ]);
    expect((await page(`objectType=user&objectId=${tag}-2`)).entries).toEqual([
      expect.objectContaining({ actor: `${tag}@encore.local`, ip: '203.0.113.9', detail: { i: 2 } }),
    ]);
    const from = new Date(now - 3.5 * 60_000).toISOString();
    const to = new Date(now - 1.5 * 60_000).toISOString();
    expect((await page(`actor=${tag}&from=${from}&to=${to}`)).entries.map((e) => e.objectId)).toEqual([
      `${tag}-3`,
      `${tag}-2`,
    ]);
    expect((await page(`actor=${tag.slice(0, 4)}%25`)).entries).toEqual([]);
    expect(await errorOf(await asAdminFetch('/api/admin/audit?from=yesterday'))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });

  it('records who did it and from which IP', async () => {
    const browser = new Browser();
    const response = await browser.fetch('/api/admin/ledger/check', { headers: await asAdmin() });
    expect(response.status).toBe(200);
    expect((await page('action=ledger.check&limit=1')).entries[0]).toMatchObject({
      actor: 'admin@encore.local',
      ip: browser.ip,
      objectType: 'ledger',
    });
  });
});
