// Type-aware linting and the layering rule. Formatting and style are Biome's job.
import tseslint from 'typescript-eslint';

// Each layer may import only the layers listed for it (STYLE.md: dependencies point inward).
const layers = {
  core: [],
  formats: ['core'],
  app: ['core', 'formats'],
  store: ['core', 'app'],
  server: ['core', 'app', 'store'],
  cli: ['core', 'formats', 'app', 'store', 'server'],
};
const all = Object.keys(layers);
const ioModules = [
  'node:fs',
  'node:fs/promises',
  'node:net',
  'node:http',
  'node:https',
  'node:child_process',
  'fs',
  'fs/promises',
  'pg',
  'better-sqlite3',
  'kysely',
  'fastify',
];

const layerRules = Object.entries(layers).map(([layer, allowed]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths:
          layer === 'core' || layer === 'formats'
            ? ioModules.map((name) => ({ name, message: `src/${layer} is pure: no I/O or storage modules.` }))
            : [],
        patterns: all
          .filter((other) => other !== layer && !allowed.includes(other))
          .map((other) => ({
            group: [`**/${other}/*`, `**/${other}`],
            message: `src/${layer} may import only ${allowed.length ? allowed.join(', ') : 'nothing of ours'} (see docs/ARCHITECTURE.md).`,
          })),
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'var/**',
      'test-results/**',
      'bin/**',
      'web/dist/**',
      '.vigil-tmp/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  ...layerRules,
  // The web application speaks only HTTP: it may share types with src/ (erased at build), never code.
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/*', '**/src/**'],
              allowTypeImports: true,
              message:
                'web/ may import only types from src/ (`import type`); it talks to the server over HTTP.',
            },
          ],
        },
      ],
    },
  },
);
