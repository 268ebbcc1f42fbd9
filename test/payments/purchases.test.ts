import { describe, expect, it } from 'vitest';
import type { CheckoutResponse, PacksResponse, PurchaseResponse } from '../../wire/money.ts';
import { TOKEN_PACKS } from '../../workers/money/config.ts';
import { Browser, errorOf, signedUp } from '../client.ts';

describe('buying tokens through the API', () => {
  it('lists the packs on sale to anyone', async () => {
    const response = await new Browser().fetch('/api/wallet/packs');
    expect(response.status).toBe(200);
    const { packs } = (await response.json()) as PacksResponse;
    expect(packs).toEqual(TOKEN_PACKS);
    expect(packs.find((p) => p.id === 'fan')).toMatchObject({
      tokens: 500,
      bonusTokens: 50,
      priceCents: 500,
      currency: 'usd',
    });
  });

  it('opens a pending purchase of the chosen pack', async () => {
    const { browser } = await signedUp();
    const response = await browser.post('/api/wallet/purchases', { packId: 'patron' });
    expect(response.status).toBe(201);
    const { purchase, checkoutUrl } = (await response.json()) as CheckoutResponse;
    expect(purchase).toMatchObject({
      packId: 'patron',
      tokens: 5000,
      bonusTokens: 1000,
      priceCents: 5000,
      currency: 'usd',
      status: 'pending',
    });
    expect(new Date(purchase.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(checkoutUrl).toContain(purchase.id);
  });

  it('asks to sign in first', async () => {
    expect(await errorOf(await new Browser().post('/api/wallet/purchases', { packId: 'fan' }))).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    expect(await errorOf(await new Browser().fetch(`/api/wallet/purchases/${crypto.randomUUID()}`))).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
  });

  it('names the field when the pack does not exist', async () => {
    const { browser } = await signedUp();
    const error = await errorOf(await browser.post('/api/wallet/purchases', { packId: 'free-money' }));
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: { packId: 'No such token pack' } });
    expect(error.message).toContain('free-money');
  });

  it('refuses a purchase started from another site', async () => {
    const { browser } = await signedUp();
    const response = await browser.post(
      '/api/wallet/purchases',
      { packId: 'fan' },
      { headers: { Origin: 'https://evil.example' } },
    );
    expect(await errorOf(response)).toMatchObject({ status: 403, code: 'CROSS_SITE_REQUEST' });
  });

  it('shows a buyer their own purchase and nobody else’s', async () => {
    const buyer = await signedUp();
    const stranger = await signedUp();
    const { purchase } = (await (
      await buyer.browser.post('/api/wallet/purchases', { packId: 'fan' })
    ).json()) as CheckoutResponse;

    const own = await buyer.browser.fetch(`/api/wallet/purchases/${purchase.id}`);
    expect(own.status).toBe(200);
    expect(((await own.json()) as PurchaseResponse).purchase).toEqual(purchase);

    expect(await errorOf(await stranger.browser.fetch(`/api/wallet/purchases/${purchase.id}`))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(await errorOf(await buyer.browser.fetch(`/api/wallet/purchases/${crypto.randomUUID()}`))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });
});
