// Where the end-to-end tests find a Chromium, and what `npm test` does when there is none. Pure: the
// caller passes what it knows about the machine, so the choices are tested without touching it.

/** The usual places a Chrome or Chromium lives; the first that exists wins. */
export function chromiumCandidates(platform: string, home = ''): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    ];
    return [
      ...apps.map((app) => `/Applications/${app}`),
      ...(home ? apps.map((app) => `${home}/Applications/${app}`) : []),
    ];
  }
  if (platform === 'linux') {
    return [
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/opt/google/chrome/chrome',
      '/snap/bin/chromium',
    ];
  }
  return [];
}

export type Machine = {
  /** CHROMIUM_PATH, when set: it alone is tried. */
  chromiumPath?: string | undefined;
  platform: string;
  home?: string | undefined;
  exists: (path: string) => boolean;
  isRoot: boolean;
  /** /etc/os-release says ID=debian: its `chromium` package is the one the tests are run with. */
  isDebian: boolean;
};

export type ChromiumPlan =
  | { kind: 'found'; path: string }
  | { kind: 'install-debian' }
  | { kind: 'stop'; message: string };

export function findChromium(
  machine: Pick<Machine, 'chromiumPath' | 'platform' | 'home' | 'exists'>,
): string | undefined {
  if (machine.chromiumPath) return machine.exists(machine.chromiumPath) ? machine.chromiumPath : undefined;
  return chromiumCandidates(machine.platform, machine.home).find((path) => machine.exists(path));
}

export function chromiumPlan(machine: Machine): ChromiumPlan {
  const path = findChromium(machine);
  if (path) return { kind: 'found', path };
  if (machine.chromiumPath)
    return stop(
      `CHROMIUM_PATH is ${machine.chromiumPath}, which does not exist: ` +
        'point it at a Chrome or Chromium binary, or unset it.',
    );
  if (machine.platform === 'linux' && machine.isDebian) {
    return machine.isRoot
      ? { kind: 'install-debian' }
      : stop(
          'run `sudo apt-get install -y chromium` ' +
            '(or set CHROMIUM_PATH to a Chrome or Chromium binary), then npm test again.',
        );
  }
  if (machine.platform === 'linux')
    return stop(
      "install Chromium or Google Chrome with your distribution's package manager " +
        '(or set CHROMIUM_PATH to its binary), then npm test again.',
    );
  if (machine.platform === 'darwin')
    return stop(
      'install Google Chrome or Chromium into /Applications (or set CHROMIUM_PATH to its binary), then npm test again.',
    );
  return stop('set CHROMIUM_PATH to a Chrome or Chromium binary, then npm test again.');
}

function stop(what: string): ChromiumPlan {
  return { kind: 'stop', message: `The end-to-end tests need Chromium and none was found: ${what}` };
}
