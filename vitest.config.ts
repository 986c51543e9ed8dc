import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Apollo's CommonJS packages load graphql's index.js; without this alias Vite would hand our code
// index.mjs and the two copies would refuse each other's schemas ("another module or realm").
// The workspace packages resolve to their sources, so tests never run a stale build.
const alias = {
  graphql: require.resolve('graphql'),
  '@lobby/platform': source('./packages/platform/src/index.ts'),
  '@lobby/contracts': source('./packages/contracts/src/index.ts'),
  '@lobby/object-storage': source('./packages/object-storage/src/index.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['**/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.int.test.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
