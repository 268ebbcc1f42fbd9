import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { findChromium } from '../../dev/chromium.ts';

/** CHROMIUM_PATH or the usual places (`npm test` made sure there is one: dev/ensure-chromium.ts). */
export function chromiumPath(): string {
  return (
    findChromium({
      chromiumPath: process.env.CHROMIUM_PATH,
      platform: process.platform,
      home: homedir(),
      exists: existsSync,
    }) ?? '/usr/bin/chromium'
  );
}

/**
 * A Chromium, headless, with the flags that work as root and offline on these machines. Its pages
 * are returning visitors who passed the 18+ notice already (test/e2e/age-notice.e2e.ts covers the
 * notice itself with `{ newVisitors: true }`).
 */
export async function launchChromium(options: { newVisitors?: boolean } = {}): Promise<Browser> {
  const browser = await launch();
  return options.newVisitors ? browser : asReturningVisitors(browser);
}

/** Every context (and so every page) starts with the notice answered, as in a browser that entered before. */
function asReturningVisitors(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript(() => localStorage.setItem('encore.adult-confirmed', '1'));
    return context;
  };
  // Like Browser.newPage: a page in its own context, which closes with it.
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.once('close', () => void context.close());
    return page;
  };
  return browser;
}

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Live video: the fake camera and microphone, no permission prompt, and peer connections
      // over loopback (the dev SFU's only interface). Players autoplay muted, as browsers allow.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
    ],
  });
}

const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;

/** Screenshots land in test-results/screenshots (ignored by git) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Fails the test on any console error or CSP violation the page reports. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of 40[134]/.test(message.text())
    )
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}
