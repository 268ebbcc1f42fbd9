// Runs first in `npm test` and `npm run dev`: the tools need Node >= 22.12. npm puts
// node_modules/.bin first on PATH, where the `node` devDependency provides Node 22.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Encore needs Node >= 22.12 for its tools; this is ${process.version}. ` +
      'Run scripts through npm (npm run dev, npm test), which uses the Node 22 from devDependencies.',
  );
  process.exit(1);
}
