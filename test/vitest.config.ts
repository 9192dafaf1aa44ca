import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'test',
    include: ['src/**/*.spec.ts', '**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
  },
});
