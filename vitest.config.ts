import { defineConfig } from 'vitest/config';

// One run, one summary: every workspace is a vitest project.
export default defineConfig({
  test: {
    projects: ['db', 'qa', 'api', 'wallboard', 'test'],
  },
});
