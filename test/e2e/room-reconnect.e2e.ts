import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { buyFanPack, demoPerformerLive, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

type Wire = { sockets: WebSocket[]; sent: string[]; offline: boolean; deaf: boolean };
declare global {
  interface Window {
    wire: Wire;
  }
}

/**
 * Before any page script: remember the page's sockets and every frame it sends, and while
 * `wire.offline` is set make each new socket fail at once, as a lost network does (Chromium's
 * offline emulation is switched on too, but does not reliably cut an open WebSocket).
 */
function recordWire(): void {
  const Native = window.WebSocket;
  const wire: Wire = { sockets: [], sent: [], offline: false, deaf: false };
  window.wire = wire;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      // Same origin (the page's CSP allows only that): a room that does not exist refuses the upgrade.
      super(wire.offline ? `${location.origin.replace(/^http/, 'ws')}/rooms/no-network-here/ws` : url, protocols);
      wire.sockets.push(this);
    }
    override send(data: Parameters<WebSocket['send']>[0]): void {
      if (typeof data === 'string') wire.sent.push(data);
      super.send(data);
    }

    // While `wire.deaf` is set, frames from the Room are lost on the way (the answers a dying socket never delivers).
    override get onmessage(): WebSocket['onmessage'] {
      return super.onmessage;
    }

    override set onmessage(handler: WebSocket['onmessage']) {
      super.onmessage = handler && ((event: MessageEvent) => (wire.deaf ? undefined : handler.call(this, event)));
    }
  };
}

async function viewer(
  browser: Browser,
  origin: string,
  name: string,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(recordWire);
  const problems = watchConsole(page);
  await signUpInPage(page, origin, 'Viewer', name);
  await page.waitForURL(`${origin}/`);
  return { context, page, problems };
}

/** The room's connection banner (other status regions exist: the player, the tip widget). */
const banner = (page: Page) => page.locator('.room-banner');
const chatLog = (page: Page) => page.getByRole('log', { name: 'Chat messages' });
const chatTexts = (page: Page) => chatLog(page).locator('.chat-text').allTextContents();

async function say(page: Page, text: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Chat message' });
  await input.fill(text);
  await input.press('Enter');
}

describe('the room page across a lost network, in Chromium', () => {
  describe('a few seconds offline', () => {
    // One story on shared pages: Ava's network drops while Ben chats and tips in Nova's live room, then returns.
    const step = storySteps();
    let origin: string;
    let ava: Awaited<ReturnType<typeof viewer>>;
    let ben: Awaited<ReturnType<typeof viewer>>;
    const expected = ['before the drop', 'missed one', 'missed two', 'missed three', 'sent while offline'];

    step('shows a chat message to both viewers before the network drops', async () => {
      origin = run.stack().origin;
      ava = await viewer(run.browser(), origin, 'Ava');
      ben = await viewer(run.browser(), origin, 'Ben');
      await buyFanPack(ben.page, origin);
      await demoPerformerLive(run.browser(), origin, 'Reconnect show');
      for (const { page } of [ava, ben]) {
        await page.goto(`${origin}/live/nova`);
        await expect.poll(() => page.getByRole('textbox', { name: 'Chat message' }).isEnabled()).toBe(true);
      }
      await say(ben.page, 'before the drop');
      await chatLog(ava.page).getByText('before the drop').waitFor();
    });

    step('says Reconnecting… when the network goes', async () => {
      // Ava's socket drops and every reconnect attempt fails until the network is back.
      await ava.context.setOffline(true);
      await ava.page.evaluate(() => {
        window.wire.offline = true;
        for (const socket of window.wire.sockets) socket.close();
      });
      await banner(ava.page).getByText('Reconnecting…').waitFor();
    });

    step('shows nothing of the room’s news while offline, through failed reconnect attempts', async () => {
      const socketsBefore = await ava.page.evaluate(() => window.wire.sockets.length);
      // Meanwhile Ben chats and tips, and Ava writes a message that cannot go out yet.
      for (const text of ['missed one', 'missed two', 'missed three']) {
        await say(ben.page, text);
        await chatLog(ben.page).getByText(text).waitFor();
      }
      // The tip bar's preset sends at once.
      await ben.page.getByRole('button', { name: 'Tip 50 tokens' }).click();
      await ben.page.getByText('Thank you! You tipped 50 tokens.').waitFor();
      await say(ava.page, 'sent while offline');
      await screenshot(ava.page, 'room-reconnect-offline');
      // Two reconnect attempts (the backoff's first steps) fail while the network is gone.
      await expect
        .poll(() =>
          ava.page.evaluate(
            (from) => window.wire.sockets.slice(from).filter((s) => s.readyState === WebSocket.CLOSED).length,
            socketsBefore,
          ),
        )
        .toBeGreaterThanOrEqual(2);
      expect(await chatTexts(ava.page)).toEqual(['before the drop']);
    });

    step('shows exactly the missed messages in order once back, none twice, and the offline chat once', async () => {
      // The page reconnects by itself (backoff with jitter) and resumes from its last event.
      await ava.context.setOffline(false);
      await ava.page.evaluate(() => {
        window.wire.offline = false;
      });
      await chatLog(ava.page).getByText('sent while offline').waitFor({ timeout: 30_000 });
      await expect.poll(() => banner(ava.page).textContent()).toBe('');
      await chatLog(ben.page).getByText('sent while offline').waitFor();
      expect(await chatTexts(ava.page)).toEqual(expected);
      expect(await chatTexts(ben.page)).toEqual(expected);
      // The missed tip shows once in the chat stream (its highlighted line), not once per replay.
      const tipLine = chatLog(ava.page).getByRole('listitem').filter({ hasText: 'Ben tipped 50 tokens' });
      await tipLine.waitFor();
      expect(await tipLine.count()).toBe(1);
    });

    step('sends the offline chat once, after a welcome that resumed from the last event seen', async () => {
      const sent = (await ava.page.evaluate(() => window.wire.sent)).map(
        (f) => JSON.parse(f) as { type: string; text?: string; lastSeq?: number; keepsState?: boolean },
      );
      expect(sent.filter((f) => f.type === 'chat.send' && f.text === 'sent while offline')).toHaveLength(1);
      const hellos = sent.filter((f) => f.type === 'hello');
      expect(hellos.length).toBeGreaterThanOrEqual(2);
      expect(hellos.at(-1)?.lastSeq).toBeGreaterThan(0);
      // The page keeps what it shows, so the Room resumed it with the missed events alone (no snapshot).
      expect(hellos.at(-1)?.keepsState).toBe(true);
      await ava.page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(ava.page, 'room-reconnect-back');
    });

    step('keeps the recent tips and the chat on show after a reload', async () => {
      // The tips come with the welcome snapshot.
      await ava.page.reload();
      await chatLog(ava.page).getByRole('listitem').filter({ hasText: 'Ben tipped 50 tokens' }).waitFor();
      await ava.page.locator('.room-tip', { hasText: 'Ben tipped 50 tokens' }).waitFor();
      expect(await chatTexts(ava.page)).toEqual(expected);
    });

    step('logs no console errors but the failed connection attempts while offline', async () => {
      const expectedNoise = /no-network-here|ERR_INTERNET_DISCONNECTED|WebSocket connection/i;
      expect(ava.problems.filter((p) => !expectedNoise.test(p))).toEqual([]);
      expect(ben.problems.filter((p) => !expectedNoise.test(p))).toEqual([]);
    });
  });

  it('looks up a tip whose answer was lost with its socket, and does not send it again', {
    timeout: 120_000,
  }, async () => {
    const origin = run.stack().origin;
    const cy = await viewer(run.browser(), origin, 'Cy');
    await buyFanPack(cy.page, origin);
    await demoPerformerLive(run.browser(), origin, 'Lost answers');
    await cy.page.goto(`${origin}/live/nova`);
    await cy.page.getByRole('button', { name: 'Tip 25 tokens' }).waitFor();
    // The tip goes out, the Room takes it, and the answer is lost as the socket dies.
    await cy.page.evaluate(() => (window.wire.deaf = true));
    await cy.page.getByRole('button', { name: 'Tip 25 tokens' }).click();
    await expect
      .poll(async () => (await cy.page.evaluate(() => window.wire.sent)).some((f) => f.includes('"tip.send"')))
      .toBe(true);
    // The ledger took it (the page, deaf, does not know yet).
    await expect
      .poll(() =>
        cy.page.evaluate(async () => ((await (await fetch('/api/wallet')).json()) as { balance: number }).balance),
      )
      .toBe(525);
    await cy.page.evaluate(() => {
      for (const socket of window.wire.sockets) socket.close();
      window.wire.deaf = false;
    });
    // Back: the page asks the Room what became of it, and shows the answer.
    await cy.page.getByText('Thank you! You tipped 25 tokens.').waitFor({ timeout: 30_000 });
    await cy.page.locator('.tip-bar-balance', { hasText: '525 tokens' }).waitFor();
    const sent = (await cy.page.evaluate(() => window.wire.sent)).map(
      (f) => JSON.parse(f) as { type: string; clientId?: string },
    );
    const tips = sent.filter((f) => f.type === 'tip.send');
    expect(tips).toHaveLength(1);
    expect(sent.filter((f) => f.type === 'tip.lookup' && f.clientId === tips[0]?.clientId)).toHaveLength(1);
    expect(cy.problems).toEqual([]);
  });
});
