import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { buyFanPack, demoPerformerLive, type NewAccount, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();
const origin = () => run.stack().origin;

/** A new viewer with a confirmed email (the mailbox link, unless the sign-up helper confirmed it) and 550 tokens. */
async function newViewer(name: string): Promise<{ page: Page; account: NewAccount; problems: string[] }> {
  const page = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const problems = watchConsole(page);
  const account = await signUpInPage(page, origin(), 'Viewer', name);
  await page.waitForURL(`${origin()}/`);
  const me = (await page.evaluate(async () => (await fetch('/api/me')).json())) as { user: { emailVerified: boolean } };
  if (!me.user.emailVerified) {
    await page.goto(`${origin()}/dev/mail?to=${encodeURIComponent(account.email)}`);
    await page.getByRole('link', { name: 'Confirm your email address' }).first().click();
    await page.getByRole('link', { name: 'Confirm my email' }).click();
    await page.getByText('Your email address is confirmed').waitFor();
  }
  await buyFanPack(page, origin());
  return { page, account, problems };
}

describe('fan clubs, in Chromium', () => {
  // One story: Nova opens a fan club with a members' discount; Mia joins from the room, gets the badge, chats
  // while Leo (not a member) is refused, and tips for a menu item at the members' price.
  const step = storySteps();
  let performer: Page;
  let mia: Page;
  let leo: Page;
  const problems: string[][] = [];

  step('lets the performer open a fan club with perks and a tip-menu discount in the studio', async () => {
    performer = await demoPerformerLive(run.browser(), origin(), 'Fan club night');
    problems.push(watchConsole(performer));
    const menu = await performer.evaluate(
      async (body) =>
        (await fetch('/api/studio/menu', { method: 'PUT', headers: { 'content-type': 'application/json' }, body }))
          .status,
      JSON.stringify({ items: [{ label: 'Dance', price: 50 }] }),
    );
    expect(menu).toBe(200);
    await performer.goto(`${origin()}/studio`);
    await performer.getByRole('link', { name: 'Fan club' }).click();
    await performer.getByRole('heading', { name: 'Fan club', level: 1 }).waitFor();
    const settings = performer.getByRole('region', { name: 'Settings' });
    await settings.getByRole('checkbox', { name: 'Fan club open to join' }).check();
    await settings.getByRole('textbox', { name: 'Monthly price (tokens)' }).fill('100');
    await settings.getByRole('textbox', { name: 'Perk 1' }).fill('A shout-out on your first visit each month');
    await settings.getByRole('button', { name: 'Save fan club' }).click();
    await performer.getByText('Fan club saved: it is open to join').waitFor();
    const discount = performer.getByRole('region', { name: 'Tip-menu discount for members' });
    await discount.getByRole('textbox', { name: 'Percent off every item' }).fill('20');
    await discount.getByRole('button', { name: 'Save discount' }).click();
    await performer.getByText('Members save 20%').waitFor();
    await performer.getByRole('region', { name: 'Members' }).getByText('No members yet').waitFor();
    await screenshot(performer, 'studio-fan-club-1280');
  });

  step('shows a viewer in the room the club’s price, perks, renewal terms and balance before joining', async () => {
    const viewer = await newViewer('Mia');
    mia = viewer.page;
    problems.push(viewer.problems);
    await mia.goto(`${origin()}/live/nova`);
    const tipMenu = mia.getByRole('region', { name: 'Tip menu' });
    await tipMenu.getByText('40 tokens for fan-club members').waitFor();
    await mia.getByRole('button', { name: /Join fan club · 100 tokens\/month/ }).click();
    const dialog = mia.getByRole('dialog', { name: 'Join Nova Lane’s fan club' });
    await dialog.getByText('A shout-out on your first visit each month').waitFor();
    await dialog.getByText(/renews from your wallet every 30 days/).waitFor();
    await dialog.getByText('You have 550 tokens; 450 tokens left after joining.').waitFor();
    await screenshot(mia, 'fan-club-join-dialog-1280');
  });

  step('joins, and the badge appears on the viewer’s next chat line without a reload', async () => {
    await mia.getByRole('button', { name: 'Join for 100 tokens' }).click();
    await mia.getByText('Welcome to Nova Lane’s fan club!').waitFor();
    await mia.getByText(/Renews on .* for 100 tokens/).waitFor();
    await mia.getByRole('textbox', { name: 'Chat message' }).fill('Just joined!');
    await mia.getByRole('button', { name: 'Send', exact: true }).click();
    const line = mia
      .getByRole('log', { name: 'Chat messages' })
      .getByRole('listitem')
      .filter({ hasText: 'Just joined!' });
    await line.getByText('Fan club').waitFor();
    await screenshot(mia, 'fan-club-badge-1280');
  });

  step('refuses a non-member while fan-club-only chat is on, with a way to join', async () => {
    await performer.goto(`${origin()}/studio/live`);
    // The box shows the Room's modes: it turns checked when the Room says so, not at the click.
    const fanClubOnly = performer.getByRole('checkbox', { name: /Fan club only/ });
    await fanClubOnly.click();
    await performer.getByText('Fan-club-only chat on').waitFor();
    await expect.poll(() => fanClubOnly.isChecked()).toBe(true);
    const other = await newViewer('Leo');
    leo = other.page;
    problems.push(other.problems);
    await leo.goto(`${origin()}/live/nova`);
    await leo
      .getByText(/Fan-club-only chat/)
      .first()
      .waitFor();
    await leo.getByRole('textbox', { name: 'Chat message' }).fill('Can I talk?');
    await leo.getByRole('button', { name: 'Send', exact: true }).click();
    const refusal = leo.getByRole('alert').filter({ hasText: 'Only fan-club members can chat right now.' });
    await refusal.waitFor();
    await refusal.getByRole('button', { name: 'Join the fan club' }).click();
    await leo.getByRole('dialog', { name: 'Join Nova Lane’s fan club' }).waitFor();
    await screenshot(leo, 'fan-club-only-refused-1280');
    await leo.getByRole('button', { name: 'Not now' }).click();
    // The member still chats.
    await mia.getByRole('textbox', { name: 'Chat message' }).fill('Members only tonight');
    await mia.getByRole('button', { name: 'Send', exact: true }).click();
    await leo.getByRole('log', { name: 'Chat messages' }).getByText('Members only tonight').waitFor();
  });

  step('lets the member tip for a menu item at the members’ price', async () => {
    const tipMenu = mia.getByRole('region', { name: 'Tip menu' });
    await tipMenu.getByRole('button', { name: /Dance/ }).click();
    await tipMenu.getByText('Tip 40 tokens for “Dance”?').waitFor();
    await tipMenu.getByRole('button', { name: 'Yes, tip' }).click();
    await tipMenu.getByText('Thank you! You tipped for “Dance”.').waitFor();
    const wallet = (await mia.evaluate(async () => (await fetch('/api/wallet')).json())) as { balance: number };
    expect(wallet.balance).toBe(550 - 100 - 40);
    await mia.setViewportSize({ width: 375, height: 812 });
    expect(await mia.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(mia, 'fan-club-room-375');
  });

  step('shows the member in the studio and in the viewer’s settings', async () => {
    await performer.goto(`${origin()}/studio/fan-club`);
    const members = performer.getByRole('region', { name: 'Members' });
    await members.getByRole('rowheader', { name: /Mia/ }).waitFor();
    await screenshot(performer, 'studio-fan-club-members-1280');
    await performer.setViewportSize({ width: 375, height: 812 });
    await screenshot(performer, 'studio-fan-club-375');
    expect(await performer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await mia.goto(`${origin()}/settings/fan-clubs`);
    await mia.getByRole('link', { name: 'Nova Lane' }).waitFor();
    await screenshot(mia, 'settings-fan-clubs-375');
  });

  step('logs no console errors on any page', async () => {
    expect(problems.flat()).toEqual([]);
  });
});
