import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { SECURITY_HEADERS } from '../workers/middleware/security-headers.ts';
import { pureSchemas } from './pure-schemas.ts';

const require = createRequire(import.meta.url);

/**
 * Static assets are served without the Worker, so the build writes the Worker's security
 * headers into `_headers` (one policy, one source), and copies Swagger UI next to the app
 * so /api/docs loads nothing from outside.
 */
function encoreAssets(): Plugin {
  return {
    name: 'encore-assets',
    apply: 'build',
    writeBundle(options) {
      const out = options.dir!;
      const headers = Object.entries(SECURITY_HEADERS).map(([k, v]) => `  ${k}: ${v}`);
      writeFileSync(
        join(out, '_headers'),
        ['/*', ...headers, '/assets/*', '  Cache-Control: public, max-age=31536000, immutable', ''].join('\n'),
      );
      const swagger = dirname(require.resolve('swagger-ui-dist/package.json'));
      mkdirSync(join(out, 'docs'), { recursive: true });
      for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js'])
        copyFileSync(join(swagger, file), join(out, 'docs', file));
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact(), pureSchemas(), encoreAssets()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // bench:size and the page-weight test follow each page's chunks from here (not served: .assetsignore).
    manifest: true,
    rolldownOptions: {
      output: {
        // The zod-free limits modules (wire/*-limits.ts) get a chunk of their own: left to the default, the
        // bundler may place one beside its schemas module, and the room page would load zod with it.
        codeSplitting: { groups: [{ name: 'wire-limits', test: /wire[\\/][a-z-]+-limits\.ts$/ }] },
      },
    },
  },
});
