import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { PerformerProfile } from '../wire/profile.ts';
import { sniffPicture } from '../workers/pictures/sniff.ts';
import { Browser, errorOf, signedUp } from './client.ts';

// A real 1×1 PNG, and the signatures of the other accepted and refused formats.
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const WEBP = new Uint8Array([
  ...new TextEncoder().encode('RIFF'),
  0x24,
  0,
  0,
  0,
  ...new TextEncoder().encode('WEBPVP8 '),
]);
const GIF = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
const SCRIPT = new TextEncoder().encode('<script>alert(document.cookie)</script>');

const upload = (browser: Browser, handle: string, kind: string, body: Uint8Array, type = 'image/png') =>
  browser.fetch(`/api/performers/${handle}/${kind}`, { method: 'PUT', body, headers: { 'Content-Type': type } });

async function storedKeys(): Promise<string[]> {
  return (await env.MEDIA.list()).objects.map((o) => o.key);
}

describe('picture type sniffing', () => {
  it('knows JPEG, PNG and WebP by their bytes and nothing else', () => {
    expect(sniffPicture(JPEG)).toBe('image/jpeg');
    expect(sniffPicture(PNG)).toBe('image/png');
    expect(sniffPicture(WEBP)).toBe('image/webp');
    expect(sniffPicture(GIF)).toBeUndefined();
    expect(sniffPicture(SCRIPT)).toBeUndefined();
    expect(sniffPicture(new TextEncoder().encode('RIFF0000WAVE'))).toBeUndefined();
    expect(sniffPicture(new Uint8Array())).toBeUndefined();
  });
});

describe('avatar and cover uploads', () => {
  it('stores a picture under a random key and serves it back byte for byte, cached for a year', async () => {
    const { browser, account } = await signedUp({ role: 'performer' });
    const response = await upload(browser, account.handle, 'avatar', PNG);
    expect(response.status).toBe(200);
    const { performer } = (await response.json()) as { performer: PerformerProfile };
    expect(performer.avatarUrl).toMatch(/^\/media\/avatars\/[0-9a-f-]{36}\.png$/);

    const served = await new Browser().fetch(performer.avatarUrl!);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/png');
    expect(served.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
  });

  it('records the type from the bytes, not from what the upload claims', async () => {
    const { browser, account } = await signedUp({ role: 'performer' });
    const response = await upload(browser, account.handle, 'cover', JPEG, 'image/png');
    const { performer } = (await response.json()) as { performer: PerformerProfile };
    expect(performer.coverUrl).toMatch(/\.jpg$/);
    expect((await new Browser().fetch(performer.coverUrl!)).headers.get('Content-Type')).toBe('image/jpeg');
  });

  it('replaces the old picture and deletes it from storage', async () => {
    const { browser, account } = await signedUp({ role: 'performer' });
    const first = (
      (await (await upload(browser, account.handle, 'avatar', PNG)).json()) as { performer: PerformerProfile }
    ).performer;
    const second = (
      (await (await upload(browser, account.handle, 'avatar', WEBP, 'image/webp')).json()) as {
        performer: PerformerProfile;
      }
    ).performer;
    expect(second.avatarUrl).not.toBe(first.avatarUrl);
    expect((await new Browser().fetch(first.avatarUrl!)).status).toBe(404);
    expect((await new Browser().fetch(second.avatarUrl!)).status).toBe(200);
  });

  it('removes a picture', async () => {
    const { browser, account } = await signedUp({ role: 'performer' });
    const { performer } = (await (await upload(browser, account.handle, 'cover', PNG)).json()) as {
      performer: PerformerProfile;
    };
    const removed = await browser.fetch(`/api/performers/${account.handle}/cover`, { method: 'DELETE' });
    expect(await removed.json()).toMatchObject({ performer: { coverUrl: null } });
    expect((await new Browser().fetch(performer.coverUrl!)).status).toBe(404);
  });

  it.each<[string, Uint8Array, string, number, string]>([
    [
      'a picture over 5 MB',
      (() => {
        const big = new Uint8Array(5 * 1024 * 1024 + 1);
        big.set(PNG);
        return big;
      })(),
      'image/png',
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['a GIF', GIF, 'image/gif', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a script named .png', SCRIPT, 'image/png', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an empty body', new Uint8Array(), 'image/png', 400, 'VALIDATION_FAILED'],
  ])('refuses %s and stores nothing', async (_, body, type, status, code) => {
    const { browser, account } = await signedUp({ role: 'performer' });
    const before = await storedKeys();
    expect(await errorOf(await upload(browser, account.handle, 'avatar', body, type))).toMatchObject({ status, code });
    expect(await storedKeys()).toEqual(before);
    expect(
      (
        (await (await new Browser().fetch(`/api/performers/${account.handle}`)).json()) as {
          performer: PerformerProfile;
        }
      ).performer.avatarUrl,
    ).toBeNull();
  });

  it("does not let one performer upload to another's profile", async () => {
    const owner = await signedUp({ role: 'performer' });
    const other = await signedUp({ role: 'performer' });
    const before = await storedKeys();
    expect(await errorOf(await upload(other.browser, owner.account.handle, 'avatar', PNG))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(await storedKeys()).toEqual(before);
  });

  it('serves only picture keys from the media bucket', async () => {
    await env.MEDIA.put('private/secret.txt', 'not for you');
    expect((await new Browser().fetch('/media/private/secret.txt')).status).toBe(404);
    expect((await new Browser().fetch('/media/avatars/../private/secret.txt')).status).toBe(404);
  });
});
