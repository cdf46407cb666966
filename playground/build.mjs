// Builds the offline playground: everything bundled from npm packages, nothing loaded
// from a CDN at run time (government networks often have no internet).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

const out = new URL('./dist/', import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}assets`, { recursive: true });
await build({
  entryPoints: { main: new URL('./src/main.tsx', import.meta.url).pathname },
  outdir: `${out}assets`,
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  target: 'es2022',
  loader: { '.woff2': 'dataurl', '.woff': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
copyFileSync(new URL('./src/index.html', import.meta.url), `${out}index.html`);
console.log(`playground built in ${out}`);
