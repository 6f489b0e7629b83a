// Lint rules, and the import boundaries between the project's parts, enforced in `npm test`:
// shared/ is pure (no electron, no DOM, no Node built-ins), renderer/ and electron/ never import
// each other, electron/headless/ (store, sessions, CLI: what runs without Electron) imports neither
// electron nor electron/main/, and only renderer/src/ipc/api.ts touches window.chancery.
import tseslint from 'typescript-eslint';

const noElectron = { name: 'electron', message: 'Only electron/ may import electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'better-sqlite3'], message: 'shared/ runs in the renderer too: no Node built-ins or native modules.' },
          { group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'prosemirror-view'], message: 'shared/ must not depend on the main process, the renderer or the DOM.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          { group: ['**/electron/**'], message: 'renderer/ talks to main only through window.chancery (renderer/src/ipc/api.ts).' },
          { group: ['node:*', 'fs', 'path', 'child_process'], message: 'The renderer is sandboxed: no Node modules.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/src/ipc/api.ts', 'renderer/**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'window', property: 'chancery', message: 'Use renderer/src/ipc/api.ts.' }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', 'react', 'react-dom'], message: 'electron/ must not import the renderer.' }],
      }],
    },
  },
  {
    files: ['electron/headless/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'electron/headless/ runs in plain Node (CLI, headless relay): no electron.' }],
        patterns: [
          { group: ['**/renderer/**', 'react', 'react-dom'], message: 'electron/ must not import the renderer.' },
          { group: ['**/main/**', '**/preload/**'], message: 'electron/headless/ runs without Electron: it must not import electron/main or the preload.' },
        ],
      }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['zod', 'yjs', '**/workspace/**', '**/main/**'], message: 'The preload runs sandboxed: it only forwards the channel table.' }],
      }],
    },
  },
);
