// Builds dist/AV.realtime.js and dist/AV.realtime.min.js: one self-contained file each for
// <script> tags and CommonJS require (core and p-retry bundled in). The size test and
// scripts/size.mjs call the same buildBundle(), so what they measure is what ships.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const esbuild = require('esbuild');

const packageDir = path.join(__dirname, '..');

/** esbuild options for the bundle; `minify` picks AV.realtime.min.js. */
function bundleOptions(minify) {
  return {
    entryPoints: [path.join(packageDir, 'src/iife-entry.mts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Browsers that run old AV.realtime pages today are evergreen; es2022 keeps class fields
    // and #private native instead of down-levelled helpers.
    target: 'es2022',
    minify,
    legalComments: 'none',
    // Core's sources tree-shake better than its single-file dist.
    alias: { '@realtime/core': path.join(packageDir, '../core/src/index.ts') },
    // `module` is looked up at run time to support require(); it is meant as a global here.
    logOverride: { 'commonjs-variable-in-esm': 'silent' },
    outfile: path.join(packageDir, 'dist', minify ? 'AV.realtime.min.js' : 'AV.realtime.js'),
  };
}

/**
 * Builds in memory; resolves with the code and its gzip size in bytes. The min bundle gets a
 * second pass through terser, whose compressor finds what esbuild's single pass leaves
 * (about 0.2 KB gzip). Safe options only: no `unsafe*` transforms, property names untouched.
 */
async function buildBundle(minify) {
  const result = await esbuild.build({ ...bundleOptions(minify), write: false });
  let code = result.outputFiles[0].text;
  if (minify) {
    const { minify: terser } = require('terser');
    ({ code } = await terser(code, { ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } }));
  }
  return { code, bytes: Buffer.byteLength(code), gzipBytes: zlib.gzipSync(code, { level: 9 }).length };
}

module.exports = { bundleOptions, buildBundle };

// What `require('@realtime/legacy/AV.realtime.js')` gives, for TypeScript users of the bundle.
const bundleTypes = `import type { LegacyRealtime } from './index';
declare const realtime: LegacyRealtime & { readonly realtime: LegacyRealtime };
export = realtime;
`;

if (require.main === module) {
  for (const name of ['AV.realtime.d.ts', 'AV.realtime.min.d.ts']) {
    fs.mkdirSync(path.join(packageDir, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(packageDir, 'dist', name), bundleTypes);
  }
  Promise.all([false, true].map(async (minify) => {
    const { code, bytes, gzipBytes } = await buildBundle(minify);
    fs.writeFileSync(bundleOptions(minify).outfile, code);
    if (minify) console.log(`dist/AV.realtime.min.js: ${(bytes / 1024).toFixed(1)} KB, ${(gzipBytes / 1024).toFixed(2)} KB gzip`);
  })).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
