import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { RecordedCommand } from '../../dev/devices/simulated-devices.ts';
import { expectNoSeriousA11y } from './axe.ts';
import { screenshot, watchConsole } from './chromium.ts';
import { buyFanPack, logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';
import { openTipForm } from './tip-form.ts';

const run = useStackAndChromium();

/** Short reactions, so the three tips play out in seconds; the cap holds High's 100% to 80%. */
const LEVELS = {
  levels: [
    { min: 1, max: 19, name: 'Low', reaction: { kind: 'steady', intensity: 30, seconds: 1 } },
    { min: 20, max: 49, name: 'Medium', reaction: { kind: 'pattern', pattern: 'pulse', intensity: 70, seconds: 2 } },
    { min: 50, max: 99, name: 'High', reaction: { kind: 'steady', intensity: 100, seconds: 2 } },
    { min: 100, max: null, name: 'Long', reaction: { kind: 'steady', intensity: 50, seconds: 30 } },
  ],
  maxIntensity: 80,
  maxQueue: 10,
};
const VIBE = 'Encore simulator vibe';

type Segment = { intensity: number; ms: number };

/**
 * What one device did, as level segments: each output or stop starts a segment that lasts until the next;
 * a stop is level 0. The last segment (still running, or the final stop) is left out.
 */
function segments(commands: RecordedCommand[], device: string): Segment[] {
  const mine = commands.filter((c) => c.device === device && (c.kind === 'stop' || c.feature === 'Vibrate'));
  const out: Segment[] = [];
  for (let i = 0; i + 1 < mine.length; i++) {
    const intensity = mine[i]!.kind === 'stop' ? 0 : mine[i]!.intensity!;
    const ms = mine[i + 1]!.at - mine[i]!.at;
    const last = out.at(-1);
    if (last && last.intensity === intensity) last.ms += ms;
    else out.push({ intensity, ms });
  }
  return out.filter((s) => s.intensity > 0 || s.ms > 150);
}

describe('tip-triggered devices, with the simulator, in Chromium', () => {
  const step = storySteps();
  let origin: string;
  let simulator: string;
  let performer: Page;
  let viewer: Page;
  let problems: string[] = [];
  let viewerProblems: string[] = [];
  const panel = () => performer.getByRole('region', { name: 'Devices' });
  const commands = async (): Promise<RecordedCommand[]> => (await fetch(`${simulator}/commands`)).json();
  const tip = async (amount: number, anonymous = false) => {
    const form = await openTipForm(viewer);
    await form.getByRole('button', { name: `${amount} tokens`, exact: true }).click();
    const box = form.getByRole('checkbox', { name: 'Tip anonymously' });
    if ((await box.isChecked()) !== anonymous) await box.setChecked(anonymous);
    await form.getByRole('button', { name: `Tip ${amount} tokens` }).click();
    await form.getByText(`Thank you! You tipped ${amount} tokens.`).waitFor();
  };

  step('connects the simulated device in the studio and lists both devices with battery', async () => {
    origin = run.stack().origin;
    simulator = run.stack().devices.url;
    performer = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    problems = watchConsole(performer);
    await logInAsDemoPerformer(performer, origin);
    const saved = await performer.evaluate(
      async (body) =>
        (await fetch('/api/studio/devices', { method: 'PUT', headers: { 'content-type': 'application/json' }, body }))
          .status,
      JSON.stringify(LEVELS),
    );
    expect(saved).toBe(200);
    await performer.goto(`${origin}/studio/live`);
    // The studio's tools are tabs.
    await performer.getByRole('tab', { name: 'Devices' }).click();
    await panel().getByRole('combobox', { name: 'Connect through' }).waitFor();
    await expect
      .poll(() => panel().getByRole('combobox', { name: 'Connect through' }).inputValue(), { timeout: 10_000 })
      .toBe('sim-buttplug');
    await panel().getByRole('button', { name: 'Connect' }).click();
    const list = panel().getByRole('list', { name: 'Connected devices' });
    await list.getByRole('listitem').filter({ hasText: VIBE }).waitFor();
    await list.getByText('vibrate, rotate · battery 57%').waitFor();
    await panel().getByRole('button', { name: 'Stop all' }).waitFor();
  });

  step('tests one device from its button: the simulator hears it, then a stop', async () => {
    await fetch(`${simulator}/commands`, { method: 'DELETE' });
    await panel()
      .getByRole('button', { name: `Test ${VIBE}` })
      .click();
    await expect
      .poll(async () => (await commands()).map((c) => `${c.device}:${c.kind}:${c.intensity ?? ''}`), {
        timeout: 10_000,
      })
      .toEqual([`${VIBE}:output:50`, `${VIBE}:output:0`]);
  });

  step('refuses overlapping tip levels in the editor before any request', async () => {
    const editor = performer.getByRole('region', { name: 'Tip levels' });
    const from = editor.getByRole('textbox', { name: 'From' }).nth(1);
    await from.fill('15');
    await editor.getByRole('button', { name: 'Save levels' }).click();
    await editor.getByRole('alert').getByText('Check the highlighted fields and try again').waitFor();
    await editor.getByText('The levels 1–19 and 15–49 overlap').first().waitFor();
    await from.fill('20');
    await editor.getByRole('button', { name: 'Save levels' }).click();
    await performer.getByText('Tip levels saved').waitFor();
  });

  step('goes live with the fake camera', async () => {
    await performer.getByRole('button', { name: 'Start camera' }).click();
    await performer.getByRole('textbox', { name: 'Show title' }).fill('Buzz night');
    await performer.getByRole('button', { name: 'Go live' }).click();
    await performer.getByRole('heading', { name: 'Your show: Buzz night' }).waitFor();
    await panel().getByText('Nothing running.').waitFor();
    await panel().scrollIntoViewIfNeeded();
    await screenshot(performer, 'devices-panel-1280');
    // The panel only: the rest of the live studio is checked by accessibility.e2e.ts.
    await expectNoSeriousA11y(performer, 'the Devices panel, connected, the show live', '.devices-panel');
  });

  step('plays three tips on the device in order, at their levels held to the cap, for their durations', async () => {
    viewer = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    viewerProblems = watchConsole(viewer);
    await signUpInPage(viewer, origin, 'Viewer', 'Mia');
    await viewer.waitForURL(`${origin}/`);
    await buyFanPack(viewer, origin);
    await viewer.goto(`${origin}/live/nova`);
    await viewer.getByRole('button', { name: 'Tip 10 tokens' }).first().waitFor();
    await fetch(`${simulator}/commands`, { method: 'DELETE' });
    await tip(10);
    await tip(25, true);
    await tip(50);
    // Low 30% for 1 s; Medium's pulse at 70% (on and off each half second) for 2 s; High asks 100%, capped to 80%.
    // Done when the fourth level has been played and stopped (the record ends with a stop).
    const played = async () => {
      const recorded = await commands();
      return recorded.at(-1)?.kind === 'stop' ? segments(recorded, VIBE).filter((s) => s.intensity > 0) : [];
    };
    await expect
      .poll(async () => (await played()).length, { timeout: 15_000 })
      .toBe(4)
      .catch(async (error: unknown) => {
        // What the device did instead, for whoever reads the failure.
        console.error(JSON.stringify(await commands()));
        throw error;
      });
    const [low, on1, on2, high] = await played();
    expect([low, on1, on2, high].map((s) => s!.intensity)).toEqual([30, 70, 70, 80]);
    // Timers in a page on a busy shared machine run late now and then: a few hundred ms either way, no more.
    expect(Math.abs(low!.ms - 1000)).toBeLessThan(400);
    expect(Math.abs(on1!.ms - 500)).toBeLessThan(300);
    expect(Math.abs(on2!.ms - 500)).toBeLessThan(300);
    expect(Math.abs(high!.ms - 2000)).toBeLessThan(400);
    // Every output, on both devices and all features, stayed at or under the cap.
    expect(Math.max(...(await commands()).map((c) => c.intensity ?? 0))).toBeLessThanOrEqual(80);
  });

  step('stops everything with Stop all and pauses the queue', async () => {
    await tip(100);
    await expect.poll(async () => (await commands()).at(-1)?.intensity, { timeout: 10_000 }).toBe(50);
    const before = (await commands()).at(-1)!.seq;
    await panel().getByRole('button', { name: 'Stop all' }).click();
    await expect
      .poll(async () => (await commands()).filter((c) => c.seq > before && c.kind === 'stop').map((c) => c.device), {
        timeout: 10_000,
      })
      .toEqual([VIBE, 'Encore simulator twist']);
    await panel().getByText('Paused.').waitFor();
    expect((await commands()).filter((c) => c.seq > before && c.kind === 'output')).toEqual([]);
  });

  step('says in a second studio tab that the devices are controlled from another tab', async () => {
    const second = await performer.context().newPage();
    await second.goto(`${origin}/studio/live`);
    await second.getByRole('tab', { name: 'Devices' }).click();
    await second
      .getByRole('region', { name: 'Devices' })
      .getByText('Devices are controlled from another tab.')
      .waitFor();
    await second.setViewportSize({ width: 375, height: 812 });
    await screenshot(second, 'devices-panel-other-tab-375');
    await second.close();
  });

  step('shows the Devices panel on a phone with Stop all in view', async () => {
    await performer.setViewportSize({ width: 375, height: 812 });
    await panel().scrollIntoViewIfNeeded();
    await expect
      .poll(() => performer.getByRole('button', { name: 'Stop all' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await performer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(performer, 'devices-panel-375');
    await expectNoSeriousA11y(performer, 'the Devices panel, connected, at 375×812', '.devices-panel');
    await performer.setViewportSize({ width: 1280, height: 800 });
  });

  step('shows the room the running reaction in the device strip, an anonymous tip as anonymous', async () => {
    // Resumed, the reaction Stop all put back runs again from the start: Mia's Long one.
    await panel().getByRole('button', { name: 'Resume' }).click();
    await tip(100, true);
    const strip = viewer.getByRole('region', { name: 'Interactive toy' });
    await strip.getByText('Mia', { exact: true }).waitFor();
    await strip.getByText('1 waiting').waitFor();
    await screenshot(viewer, 'devices-room-strip-1280');
    // Skipped, the anonymous tip's reaction runs next, under no name.
    await panel().getByRole('button', { name: 'Skip' }).click();
    await strip.getByText('Anonymous', { exact: true }).waitFor();
    await strip.getByText('0 waiting').waitFor();
    expect(await strip.getByText('Mia', { exact: true }).count()).toBe(0);
    await viewer.setViewportSize({ width: 375, height: 812 });
    await strip.scrollIntoViewIfNeeded();
    await screenshot(viewer, 'devices-room-strip-375');
    await viewer.setViewportSize({ width: 1280, height: 800 });
  });

  step('stops the device when the studio page closes mid-reaction', async () => {
    // On its own too: a paused queue is resumed and a long reaction queued.
    const resume = panel().getByRole('button', { name: 'Resume' });
    if (await resume.isVisible()) {
      await resume.click();
      await tip(100);
    }
    await expect
      .poll(async () => (await commands()).at(-1), { timeout: 10_000 })
      .toMatchObject({ kind: 'output', intensity: 50 });
    const before = (await commands()).at(-1)!.seq;
    await performer.close();
    await expect
      .poll(
        async () => (await commands()).filter((c) => c.seq > before && c.kind === 'stop' && c.device === VIBE).length,
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    expect((await commands()).filter((c) => c.seq > before && c.kind === 'output')).toEqual([]);
  });

  step('connects through the Lovense local API stand-in from a new studio page and tests a toy', async () => {
    const page = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    problems.push(...watchConsole(page));
    await logInAsDemoPerformer(page, origin);
    await page.goto(`${origin}/studio/live`);
    await page.getByRole('tab', { name: 'Devices' }).click();
    const devices = page.getByRole('region', { name: 'Devices' });
    await expect
      .poll(() => devices.getByRole('combobox', { name: 'Connect through' }).inputValue(), { timeout: 10_000 })
      .toBe('sim-buttplug');
    await devices.getByRole('combobox', { name: 'Connect through' }).selectOption('sim-lovense');
    await devices.getByRole('button', { name: 'Connect' }).click();
    const list = devices.getByRole('list', { name: 'Connected devices' });
    await list.getByRole('listitem').filter({ hasText: 'nora' }).getByText('vibrate, rotate · battery 91%').waitFor();
    const before = (await commands()).at(-1)?.seq ?? 0;
    await devices.getByRole('button', { name: 'Test lush' }).click();
    await expect
      .poll(
        async () =>
          (await commands())
            .filter((c) => c.seq > before && c.device === 'lush')
            .map((c) => `${c.backend}:${c.kind}:${c.intensity ?? ''}`),
        { timeout: 10_000 },
      )
      .toEqual(['lovense:output:50', 'lovense:stop:']);
    await devices.getByRole('button', { name: 'Disconnect' }).click();
    await devices.getByRole('button', { name: 'Connect' }).waitFor();
    await page.close();
  });

  step('logs no console errors on the performer’s or the viewer’s page', async () => {
    expect(problems).toEqual([]);
    expect(viewerProblems).toEqual([]);
  });
});
