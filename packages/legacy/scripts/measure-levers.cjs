// Where the bytes of AV.realtime.min.js go, and what it would weigh with one part of it swapped out,
// to weigh the options against the 8 KB budget (docs/legacy.md). A measurement only: nothing here is
// used by the build.
//
// Levers: the bundle built exactly as it ships (bundle.cjs: esbuild, then terser) with one part swapped.
// Parts: the marginal gzip cost of each group of modules in esbuild's minified output (the bundle
// without that group's code, gzipped, subtracted from the whole), so the parts do not add up exactly.
//
//   node packages/legacy/scripts/measure-levers.cjs
const fs = require('node:fs');
const zlib = require('node:zlib');
const esbuild = require('esbuild');
const { bundleOptions } = require('./bundle.cjs');

/** Gzip bytes of the min bundle with `patches` (path suffix → source rewrite) applied at load time. */
async function gzipBytesWith(patches) {
  const patch = {
    name: 'patch',
    setup(build) {
      build.onLoad({ filter: /\.(ts|js|mjs)$/ }, (args) => {
        let source = fs.readFileSync(args.path, 'utf8');
        for (const [suffix, rewrite] of Object.entries(patches)) if (args.path.endsWith(suffix)) source = rewrite(source);
        return { contents: source, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
  const result = await esbuild.build({ ...bundleOptions(true), plugins: [patch], write: false });
  const { code } = await require('terser').minify(result.outputFiles[0].text, { ecma: 2020, compress: { passes: 2 }, mangle: true });
  return zlib.gzipSync(code, { level: 9 }).length;
}

const levers = {
  'as shipped': {},
  'core without wire-code names and frame checks': {
    'protocol/wire-codes.ts': (source) => source.replace(/const wireCodes[^;]*?};/s, 'const wireCodes: Readonly<Record<number, ErrorCode>> = {};'),
    'protocol/codec.ts': (source) => source.replace(/const requiredFields[^;]*?};/s, 'const requiredFields: Readonly<Record<string, string>> = {};'),
  },
  // The few lines of p-retry that core's reconnect policy relies on: attempts, AbortError, the signal,
  // onFailedAttempt (where the policy waits) and the retry count.
  'a minimal retry loop instead of p-retry': {
    'p-retry/index.js': () => `
      export class AbortError extends Error { constructor(error) { super(); this.originalError = error; } }
      export default async function pRetry(attempt, options) {
        for (let attemptNumber = 1; ; attemptNumber++) {
          try {
            return await attempt(attemptNumber);
          } catch (error) {
            if (error instanceof AbortError) throw error.originalError;
            options.signal?.throwIfAborted();
            await options.onFailedAttempt({ error, attemptNumber, retriesLeft: options.retries - attemptNumber + 1 });
            if (attemptNumber > options.retries) throw error;
            options.signal?.throwIfAborted();
          }
        }
      }`,
  },
};

/** Module groups for the parts table, by path. */
const parts = [
  ['p-retry and is-network-error', /node_modules\/(p-retry|is-network-error)\//],
  ['Connection', /core\/src\/connection\/connection\.ts$/],
  ['codec frame checks and wire-code table', /core\/src\/protocol\//],
  ['the rest of core (reconnect policy, router lookup, request jobs, WebSocket adapter, options, errors)', /core\/src\//],
  ['the legacy layer', /legacy\/src\//],
];

/** Marginal gzip bytes of each part in esbuild's minified bundle. */
async function partCosts() {
  // Each module's output starts with a legal comment naming it, so the output can be cut by module.
  const mark = {
    name: 'mark',
    setup(build) {
      build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, (args) => ({
        contents: `/*! @module ${args.path} */\n${fs.readFileSync(args.path, 'utf8')}`,
        loader: /\.m?ts$/.test(args.path) ? 'ts' : 'js',
      }));
    },
  };
  const result = await esbuild.build({ ...bundleOptions(true), legalComments: 'inline', plugins: [mark], write: false });
  const pieces = result.outputFiles[0].text.split(/\/\*! @module (.*?) \*\/\n?/);
  // pieces: [preamble, path1, code1, path2, code2, …]
  const modules = [];
  for (let index = 1; index < pieces.length; index += 2) modules.push({ path: pieces[index], code: pieces[index + 1] });
  const gzip = (text) => zlib.gzipSync(text, { level: 9 }).length;
  const whole = gzip(pieces[0] + modules.map((module) => module.code).join(''));
  const claimed = new Set();
  const rows = [];
  for (const [label, pattern] of parts) {
    const inPart = modules.filter((module) => !claimed.has(module) && pattern.test(module.path));
    inPart.forEach((module) => claimed.add(module));
    rows.push([label, whole - gzip(pieces[0] + modules.filter((module) => !inPart.includes(module)).map((module) => module.code).join(''))]);
  }
  return { whole, rows };
}

(async () => {
  const { whole, rows } = await partCosts();
  console.log(`Parts (marginal gzip bytes in esbuild's output, ${whole} bytes whole, before terser):`);
  for (const [label, bytes] of rows) console.log(`  ${label}: ${bytes}`);
  console.log('Levers (the shipped file, esbuild then terser):');
  for (const [label, patches] of Object.entries(levers)) {
    const bytes = await gzipBytesWith(patches);
    console.log(`  ${label}: ${bytes} bytes gzip (${(bytes / 1024).toFixed(2)} KB; budget 8192)`);
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
