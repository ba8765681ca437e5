// What AV.realtime.min.js would weigh with one part of it swapped out, built exactly as it ships
// (bundle.cjs: esbuild, then terser), to weigh the options against the 8 KB budget (docs/legacy.md).
// A measurement only: nothing here is used by the build.
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

(async () => {
  for (const [label, patches] of Object.entries(levers)) {
    const bytes = await gzipBytesWith(patches);
    console.log(`${label}: ${bytes} bytes gzip (${(bytes / 1024).toFixed(2)} KB; budget 8192)`);
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
