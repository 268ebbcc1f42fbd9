import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect } from 'vitest';
import { sessionFile } from '../node/serato-session-file.ts';
import { expectNoSeriousA11y } from './axe.ts';
import { screenshot, watchConsole } from './chromium.ts';
import { Companion } from './companion.ts';
import { logInAsDemoPerformer, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

describe('now playing from Serato, in Chromium', () => {
  const step = storySteps();
  const serato = mkdtempSync(join(tmpdir(), 'encore-serato-'));
  const sessions = join(serato, 'History', 'Sessions');
  mkdirSync(sessions, { recursive: true });
  let origin: string;
  let studio: Page;
  let room: Page;
  let secret: string;
  let companion: Companion | undefined;
  let problems: string[] = [];
  const nowPlaying = () => room.getByRole('region', { name: 'Now playing' });

  afterAll(async () => {
    await companion?.stop();
    rmSync(serato, { recursive: true, force: true });
  });

  step('lets the performer make a now-playing token in the studio, shown once', async () => {
    origin = run.stack().origin;
    studio = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    problems = watchConsole(studio);
    await logInAsDemoPerformer(studio, origin);
    await studio.getByRole('link', { name: 'Now playing' }).click();
    await studio.getByRole('heading', { name: 'Now playing', level: 1 }).waitFor();
    await studio.getByRole('textbox', { name: 'Name' }).fill('Booth laptop');
    await studio.getByRole('button', { name: 'Make a token' }).click();
    secret = (await studio.locator('#now-playing-secret').textContent()) ?? '';
    expect(secret).toMatch(/^encnp_/);
    const tokens = studio.getByRole('region', { name: 'Now playing tokens' });
    await tokens.getByText('Never used').waitFor();
    await screenshot(studio, 'now-playing-studio-1280');
  });

  step('shows a track typed in the studio on the room page at once', async () => {
    room = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    problems.push(...watchConsole(room));
    await room.goto(`${origin}/live/nova`);
    await room.getByRole('heading', { name: /Nova Lane/ }).waitFor();
    const editor = studio.getByRole('region', { name: 'Now playing', exact: true });
    await editor.getByRole('textbox', { name: 'Title' }).fill('Typed Track');
    await editor.getByRole('textbox', { name: 'Artist' }).fill('Studio DJ');
    await editor.getByRole('button', { name: 'Set now playing' }).click();
    await nowPlaying().getByText('Typed Track').waitFor();
    await nowPlaying().getByText('— Studio DJ').waitFor();
  });

  step('posts each track Serato loads, skipping a half-written file, and the room shows the newest', async () => {
    companion = new Companion(['--serato', serato, '--url', origin], { ENCORE_NOW_PLAYING_TOKEN: secret });
    await companion.next((l) => l.event === 'watching');
    const tracks = [
      { title: 'Warm Up', artist: 'Opener', path: '/Music/warm-up.mp3', deck: 1 },
      { title: 'Señorita 夜に駆ける', artist: 'Björk & Ñandú', path: '/Music/b.mp3', deck: 2 },
    ];
    const whole = sessionFile(tracks);
    const file = join(sessions, '42.session');
    // Serato is still writing the second entry: the first is the newest complete one.
    writeFileSync(file, whole.subarray(0, whole.length - 7));
    await companion.next((l) => l.event === 'posted' && l.title === 'Warm Up');
    await nowPlaying().getByText('Warm Up').waitFor();
    const from = companion.lines.length;
    writeFileSync(file, whole);
    await companion.next((l) => l.event === 'posted' && l.title === 'Señorita 夜に駆ける', from);
    await nowPlaying().getByText('Señorita 夜に駆ける').waitFor();
    await nowPlaying().getByText('— Björk & Ñandú').waitFor();
    // The tracks before it are listed under it, newest first.
    const earlier = nowPlaying().getByRole('listitem');
    expect(await earlier.allTextContents()).toEqual(['Warm Up — Opener', 'Typed Track — Studio DJ']);
    await screenshot(room, 'now-playing-room-1280');
    await expectNoSeriousA11y(room, 'room with now playing at 1280');
    await room.setViewportSize({ width: 375, height: 812 });
    // On a phone what is playing is in the Songs tab, beside the requests.
    await room.getByRole('tab', { name: 'Songs' }).click();
    await nowPlaying().getByText('Señorita 夜に駆ける').waitFor();
    await screenshot(room, 'now-playing-room-375');
    await expectNoSeriousA11y(room, 'room with now playing at 375');
    await room.setViewportSize({ width: 1280, height: 800 });
  });

  step('skips a corrupt session file and keeps watching', async () => {
    const from = companion!.lines.length;
    writeFileSync(join(sessions, '43.session'), new TextEncoder().encode('not a session file at all'));
    await companion!.next((l) => l.event === 'skipped', from);
    writeFileSync(join(sessions, '44.session'), sessionFile([{ title: 'After The Glitch', artist: 'Closer' }]));
    await nowPlaying().getByText('After The Glitch').waitFor();
  });

  step('shows the studio its token’s last use, and a revoked token stops the companion', async () => {
    await studio.reload();
    const tokens = studio.getByRole('region', { name: 'Now playing tokens' });
    await tokens.getByText(/Last used/).waitFor();
    await studio.setViewportSize({ width: 375, height: 812 });
    await screenshot(studio, 'now-playing-studio-375');
    await tokens.getByRole('button', { name: 'Revoke Booth laptop' }).click();
    await tokens.getByText('No tokens yet.').waitFor();
    writeFileSync(join(sessions, '45.session'), sessionFile([{ title: 'Never Shown', artist: 'Nobody' }]));
    await expect(companion!.next(() => false)).rejects.toThrow(/exited \(1\).*revoked/s);
    expect(await nowPlaying().getByText('After The Glitch').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
