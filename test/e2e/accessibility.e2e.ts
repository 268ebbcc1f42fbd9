import type { Browser, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import { logInAsDemoPerformer, useStackAndChromium } from './stack.ts';

const run = useStackAndChromium();

/** The two sizes the definition of done names: a laptop and a phone. */
const SIZES = [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
];

type Visitor = 'guest' | 'viewer' | 'performer' | 'admin';

async function logInAsDemoViewer(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.getByLabel('Email').fill('viewer@encore.local');
  await page.getByLabel('Password', { exact: true }).fill('encore-viewer-demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

async function logInAsAdmin(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/admin`);
  await page.waitForURL(/\/dev\/access/);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${origin}/admin`);
}

/** One signed-in page per visitor and size, kept for the whole file: logging in once is enough. */
const pages = new Map<string, Page>();
async function pageFor(browser: Browser, origin: string, visitor: Visitor, size: (typeof SIZES)[number]) {
  const key = `${visitor} ${size.width}`;
  const known = pages.get(key);
  if (known) return known;
  const page = await (await browser.newContext({ viewport: size })).newPage();
  if (visitor === 'viewer') await logInAsDemoViewer(page, origin);
  if (visitor === 'performer') await logInAsDemoPerformer(page, origin);
  if (visitor === 'admin') await logInAsAdmin(page, origin);
  pages.set(key, page);
  return page;
}

/**
 * Opens the page at each size, waits until its own heading is in (so a sign-in page or an error does not pass
 * for it) and nothing is still loading, and runs axe.
 */
async function check(visitor: Visitor, path: string, heading: string | RegExp) {
  const origin = run.stack().origin;
  // Both sizes are checked before failing, so one run lists everything to fix.
  const failures: string[] = [];
  for (const size of SIZES) {
    const page = await pageFor(run.browser(), origin, visitor, size);
    await page.goto(`${origin}${path}`);
    await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.loading, .page-loading'));
    await expectNoSeriousA11y(page, `${path} at ${size.width}×${size.height}`).catch((error: Error) =>
      failures.push(error.message),
    );
  }
  if (failures.length > 0) throw new Error(failures.join('\n'));
}

describe('the pages, checked with axe-core at 1280×800 and 375×812', () => {
  it('the home page has no serious findings', () => check('guest', '/', 'Every show is better with an encore.'));
  it('the login page has no serious findings', () => check('guest', '/login', 'Log in to Encore'));
  it('the sign-up page has no serious findings', () => check('guest', '/signup', 'Create your account'));
  it('the forgotten-password page has no serious findings', () =>
    check('guest', '/forgot-password', 'Forgot your password?'));
  it('a performer profile has no serious findings', () => check('guest', '/@nova', 'Nova Lane'));
  it('an offline live room has no serious findings', () => check('guest', '/live/nova', /^Nova Lane\s?’s room$/));
  it('a session page has no serious findings', () => check('guest', '/session/nova', 'Session with Nova Lane'));
  it('the offline directory has no serious findings', () => check('guest', '/offline', 'Offline now'));
  it('the signed-in home has no serious findings', () => check('viewer', '/', 'Following'));
  it('the terms have no serious findings', () => check('guest', '/terms', 'Terms of Service'));
  it('the privacy policy has no serious findings', () => check('guest', '/privacy', 'Privacy notice'));
  it('the 2257 statement has no serious findings', () => check('guest', '/2257', /2257 record-keeping statement/));
  it('the not-found page has no serious findings', () => check('guest', '/no-such-page', 'This page is not here'));
  it('the wallet has no serious findings', () => check('viewer', '/wallet', 'Wallet'));
  it('the buy page has no serious findings', () => check('viewer', '/wallet/buy', 'Buy tokens'));
  it('account settings have no serious findings', () => check('viewer', '/settings/account', 'Your account'));
  it('the studio dashboard has no serious findings', () => check('performer', '/studio', 'Studio'));
  it('the studio earnings have no serious findings', () => check('performer', '/studio/earnings', 'Earnings'));
  it('the studio live panel has no serious findings', () => check('performer', '/studio/live', 'Go live'));
  it('the studio verification has no serious findings', () =>
    check('performer', '/studio/verification', 'Verification'));
  it('the studio regions have no serious findings', () => check('performer', '/studio/regions', 'Blocked regions'));
  it('the connected apps have no serious findings', () => check('performer', '/studio/apps', 'Connected apps'));
  it('the studio now playing has no serious findings', () => check('performer', '/studio/now-playing', 'Now playing'));
  it('the studio song requests have no serious findings', () =>
    check('performer', '/studio/requests', 'Song requests'));
  it('the studio fan club has no serious findings', () => check('performer', '/studio/fan-club', 'Fan club'));
  it('the viewer’s fan clubs have no serious findings', () => check('viewer', '/settings/fan-clubs', 'Your fan clubs'));
  it('the studio paid shows settings have no serious findings', () =>
    check('performer', '/studio/shows', 'Paid shows'));
  it('the profile editor has no serious findings', () => check('performer', '/settings/profile', 'Settings'));
  it('the admin overview has no serious findings', () => check('admin', '/admin', 'Platform figures'));
  it('the admin verification queue has no serious findings', () => check('admin', '/admin/kyc', 'Verification'));
  it('the admin reports have no serious findings', () => check('admin', '/admin/reports', 'Reports'));
  it('the admin users have no serious findings', () => check('admin', '/admin/users', 'Users'));
  it('the admin payouts have no serious findings', () => check('admin', '/admin/payouts', 'Payouts'));
  it('the admin ledger check has no serious findings', () => check('admin', '/admin/ledger', 'Ledger check'));
  it('the admin audit log has no serious findings', () => check('admin', '/admin/audit', 'Audit log'));
});
