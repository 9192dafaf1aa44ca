import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'qa',
    include: ['src/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
  },
});
