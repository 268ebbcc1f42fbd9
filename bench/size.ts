// `npm run bench:size`: the gzipped JavaScript the home page loads before it can render
// (the entry script and the modules it preloads), from the production build in web/dist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../web/dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map(
  (m) => m[1]!,
);
let total = 0;
for (const src of scripts) {
  const bytes = readFileSync(join(dist, src));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  console.log(
    `${src.padEnd(40)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KB  ` +
      `gzip ${(gz / 1024).toFixed(1).padStart(6)} KB`,
  );
}
console.log(`home page JavaScript, gzipped: ${(total / 1024).toFixed(1)} KB in ${scripts.length} file(s)`);
