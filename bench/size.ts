// `npm run bench:size`: the gzipped JavaScript a cold visit to the home page and to a room loads
// (bench/page-weight.ts follows each page's chunks in the build manifest), from the build in web/dist.
import { PAGES, pageWeight, ROOM_BUDGET_BYTES } from './page-weight.ts';

const dist = new URL('../web/dist/', import.meta.url).pathname;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
for (const page of Object.keys(PAGES)) {
  const weight = pageWeight(dist, page);
  console.log(`\n${page} page`);
  for (const f of weight.files)
    console.log(`  ${f.file.padEnd(44)} ${kb(f.bytes).padStart(9)}  gzip ${kb(f.gzip).padStart(8)}`);
  console.log(`${page} page JavaScript, gzipped: ${kb(weight.gzip)} in ${weight.files.length} file(s)`);
}
console.log(`\nroom page budget: ${kb(ROOM_BUDGET_BYTES)} (test/node/page-weight.test.ts holds it)`);
