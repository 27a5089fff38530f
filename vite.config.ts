import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** src/app/earlyLoads.ts and every module it imports (vite's preload helper serves its dynamic imports). */
const EARLY_LOADS = [
  '/src/app/earlyLoads.ts',
  '/src/features/mode/persistedMode.ts',
  '/src/features/sessions/currentSessionRead.ts',
  '/src/features/timeline/viewCode.ts',
  '/src/graph/sessionPaths.ts',
  '/src/lib/persistedField.ts',
  'vite/preload-helper.js',
];

export default defineConfig({
  plugins: [react()],
  server: {
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(process.env.PORT ?? 5173),
  },
  build: {
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // The page's first module and what it imports (src/app/earlyLoads.ts) in a chunk of their own, which the
        // entry imports first: it then runs before the chunks of React, react-query and zod are evaluated.
        manualChunks: (id) => (EARLY_LOADS.some((path) => id.endsWith(path)) ? 'early-loads' : null),
      },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Makes the fake Graph's TLS certificate and trusts it (NODE_EXTRA_CA_CERTS) before workers start.
    globalSetup: ['e2e/fake-graph/vitest-global-setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
