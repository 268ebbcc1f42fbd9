// Part of `npm test`: bundles the Worker exactly as `npm run deploy` would (`wrangler deploy --dry-run
// --env production`) into a throwaway folder, so a broken production config or bundle fails CI, not a deploy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const outdir = mkdtempSync(join(tmpdir(), 'encore-deploy-'));
const result = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--env', 'production', '--outdir', outdir], {
  cwd: new URL('..', import.meta.url).pathname,
  encoding: 'utf8',
  env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...process.env },
});
rmSync(outdir, { recursive: true, force: true });
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  console.error('The production bundle did not build (wrangler deploy --dry-run --env production); see above.');
  process.exit(1);
}
console.log('Production bundle builds (wrangler deploy --dry-run --env production).');
