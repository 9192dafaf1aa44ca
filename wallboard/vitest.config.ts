import { defineProject } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineProject({
  plugins: [vue()],
  test: {
    name: 'wallboard',
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
