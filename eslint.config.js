import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.filter((m) => m !== 'assert').flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['dist/**', '.dist-*/**', 'node_modules/**', '.cache/**', '.data/**', 'test/fixtures/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain JavaScript runs on Node before anything is compiled (scripts/build.js).
    files: ['**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'setTimeout', 'clearTimeout', 'performance', 'Buffer'].map((name) => [
          name,
          'readonly',
        ]),
      ),
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'object-shorthand': 'error',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node builtins, no I/O libraries,
    // and only types from activities (forgetting to await Activities and Workflow APIs is bad).
    files: ['src/workflows/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Node builtins are not deterministic; use activities.',
          })),
          patterns: [
            {
              group: ['neo4j-driver', 'kysely', 'pg', '@octokit/*', 'web-tree-sitter', 'tree-sitter*', 'simple-git'],
              message: 'I/O libraries belong in activities.',
            },
            {
              group: [
                '../graph/*',
                '../db/*',
                '../github/*',
                '../parsers/*',
                '../config/*',
                '../temporal/*',
                '../cli/*',
              ],
              message: 'Workflows may import only ../shared and @temporalio/workflow.',
            },
            { group: ['../activities/*'], allowTypeImports: true, message: 'Import only types from activities.' },
          ],
        },
      ],
    },
  },
);
