// Runs early in `npm test`: finds a Chromium for the end-to-end tests (CHROMIUM_PATH, then the usual
// places), installs Debian's `chromium` where the machine is Debian and we are root (as CI is), and
// otherwise stops at once with one line saying what to install, before minutes of building.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { chromiumPlan, type Machine } from './chromium.ts';

const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
const machine: Machine = {
  chromiumPath: process.env.CHROMIUM_PATH,
  platform: process.platform,
  home: homedir(),
  exists: existsSync,
  isRoot: process.getuid?.() === 0,
  isDebian: /^ID="?debian"?$/m.test(osRelease),
};

let plan = chromiumPlan(machine);
if (plan.kind === 'install-debian') {
  console.log("No Chromium found: installing Debian's chromium (apt-get) for the end-to-end tests");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) {
      console.error(
        `apt-get ${args.join(' ')} failed; ` +
          "install Debian's chromium by hand (apt-get install -y chromium), then npm test again.",
      );
      process.exit(1);
    }
  }
  plan = chromiumPlan({ ...machine, isRoot: false });
}
if (plan.kind !== 'found') {
  console.error(plan.kind === 'stop' ? plan.message : 'The end-to-end tests need Chromium and none was found.');
  process.exit(1);
}
