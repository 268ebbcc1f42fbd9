import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chromiumPlan, type Machine } from '../../dev/chromium.ts';

/** `npm test`'s own first step, as a process: its exit code and what it printed. */
function ensureChromium(chromiumPath: string): { status: number | null; stderr: string } {
  const root = new URL('../..', import.meta.url).pathname;
  const result = spawnSync(process.execPath, ['dev/ensure-chromium.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CHROMIUM_PATH: chromiumPath },
  });
  return { status: result.status, stderr: result.stderr };
}

/** A machine with these files and nothing else. */
function machine(files: string[], rest: Partial<Machine> = {}): Machine {
  return {
    platform: 'linux',
    home: '/home/ada',
    exists: (path) => files.includes(path),
    isRoot: false,
    isDebian: true,
    ...rest,
  };
}

describe('npm test finding a Chromium for the end-to-end tests', () => {
  it('uses CHROMIUM_PATH when it names a binary', () => {
    expect(chromiumPlan(machine(['/usr/bin/chromium', '/opt/chrome'], { chromiumPath: '/opt/chrome' }))).toEqual({
      kind: 'found',
      path: '/opt/chrome',
    });
  });

  it('stops with the reason when CHROMIUM_PATH names nothing, rather than trying elsewhere', () => {
    const plan = chromiumPlan(machine(['/usr/bin/chromium'], { chromiumPath: '/opt/nothing' }));
    expect(plan).toMatchObject({ kind: 'stop', message: expect.stringContaining('CHROMIUM_PATH is /opt/nothing') });
  });

  it("finds Debian's chromium, Google Chrome and Chromium in their usual Linux places", () => {
    for (const path of [
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome-stable',
      '/snap/bin/chromium',
    ]) {
      expect(chromiumPlan(machine([path]))).toEqual({ kind: 'found', path });
    }
  });

  it('finds Chrome or Chromium in the Applications folders on macOS', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const chromium = '/home/ada/Applications/Chromium.app/Contents/MacOS/Chromium';
    expect(chromiumPlan(machine([chrome], { platform: 'darwin' }))).toEqual({ kind: 'found', path: chrome });
    expect(chromiumPlan(machine([chromium], { platform: 'darwin' }))).toEqual({ kind: 'found', path: chromium });
  });

  it("installs Debian's chromium when none exists on Debian as root", () => {
    expect(chromiumPlan(machine([], { isRoot: true }))).toEqual({ kind: 'install-debian' });
  });

  it('otherwise stops at once with one line saying exactly what to install', () => {
    const lines = [
      machine([], { isRoot: false }),
      machine([], { isDebian: false, isRoot: true }),
      machine([], { platform: 'darwin', isDebian: false }),
      machine([], { platform: 'win32', isDebian: false }),
    ].map((m) => chromiumPlan(m));
    expect(lines.map((plan) => plan.kind)).toEqual(['stop', 'stop', 'stop', 'stop']);
    const messages = lines.map((plan) => (plan.kind === 'stop' ? plan.message : ''));
    expect(messages[0]).toContain('sudo apt-get install -y chromium');
    expect(messages[1]).toContain("distribution's package manager");
    expect(messages[2]).toContain('Google Chrome or Chromium into /Applications');
    expect(messages[3]).toContain('set CHROMIUM_PATH');
    for (const message of messages) expect(message).not.toContain('\n');
  });

  it('passes with a Chromium, and stops the run with exactly one line without one', () => {
    expect(ensureChromium(process.execPath)).toEqual({ status: 0, stderr: '' });
    const stopped = ensureChromium('/nonexistent/chromium');
    expect(stopped.status).toBe(1);
    expect(stopped.stderr.trim().split('\n')).toEqual([
      'The end-to-end tests need Chromium and none was found: CHROMIUM_PATH is /nonexistent/chromium, ' +
        'which does not exist: point it at a Chrome or Chromium binary, or unset it.',
    ]);
  });
});
