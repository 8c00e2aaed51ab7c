// Lint keeps the house rules a reviewer would otherwise have to remember (docs/architecture.md):
// the Bot Framework SDK stays in src/bot/, the pure core does no I/O, and no module imports itself in a circle.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/** The pure core: takes data, returns data. No files, no network, no process. */
const PURE_MESSAGE = 'diagnosis/, conversation/, cards/, report/ and i18n/ are the pure core: no files or network here; take the data as an argument.';
const PURE = ['src/diagnosis/**', 'src/conversation/**', 'src/cards/**', 'src/report/**', 'src/i18n/**'];
const IO_MODULES = ['fs', 'fs/promises', 'http', 'https', 'dgram', 'dns', 'tls', 'child_process', 'worker_threads', 'undici'].flatMap((m) => [m, `node:${m}`]);
// node:net's isIP/isIPv4/isIPv6 are pure functions; its sockets and servers are not.
const NET_IO = ['connect', 'createConnection', 'createServer', 'Socket', 'Server', 'BlockList', 'SocketAddress'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/out/**', 'tenants/**', 'appPackage/build/**', '.signin-diag/**'] },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.base],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.mts', '.js', '.mjs', '.json'] } }, 'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/bot/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'The Bot Framework SDK lives in src/bot/ only.' }] },
      ],
    },
  },
  {
    files: PURE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...IO_MODULES.map((name) => ({ name, message: PURE_MESSAGE })),
            ...['net', 'node:net'].map((name) => ({ name, importNames: NET_IO, message: PURE_MESSAGE })),
          ],
          patterns: [{ group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'The Bot Framework SDK lives in src/bot/ only.' }],
        },
      ],
    },
  },
);
