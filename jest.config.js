// One jest project per package. `@realtime/*` maps to the packages' sources, so unit
// tests never need a build; tests that need built artifacts (bundles, the CLI) say so.
const path = require('node:path');

const packages = ['core', 'node', 'browser', 'legacy', 'server'];

// ESM-only dependencies that jest must transform to run under CommonJS.
const esmOnly = ['p-retry', 'is-network-error'];

function project(name) {
  return {
    displayName: name,
    rootDir: path.join(__dirname, 'packages', name),
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    testEnvironment: 'node',
    transform: {
      '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    },
    transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
    moduleNameMapper: {
      '^@realtime/(core|node|browser|legacy|server)$': path.join(__dirname, 'packages/$1/src/index.ts'),
    },
  };
}

// examples/*/test: real Chromium and the built CLI, as `npm start` runs them (needs `npm run build`).
const examples = {
  ...project('core'),
  displayName: 'examples',
  rootDir: path.join(__dirname, 'examples'),
  testMatch: ['<rootDir>/*/test/**/*.test.ts'],
};

module.exports = {
  projects: [...packages.map(project), examples],
  testTimeout: 20000,
};
