import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * zod and the schemas and profiles every part of the page shares, in one chunk: it is part of the initial load
 * anyway, and three small chunks cost more to download than one.
 */
const SCHEMAS = /node_modules[\\/]zod[\\/]|[\\/]src[\\/]graph[\\/](schemas|profiles)\.ts$/;

export default defineConfig({
  plugins: [react()],
  server: {
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(process.env.PORT ?? 5173),
  },
  build: {
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // Every browser the console supports preloads modules itself: the polyfill would only add to the initial JS.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        // A group takes its modules' imports with it, so the order they run in is kept.
        codeSplitting: {
          groups: [
            // The page's first module (src/app/earlyLoads.ts) and what it imports, in a chunk of their own that the
            // entry imports first: it then runs before the chunks of React, react-query and zod are evaluated.
            { name: 'early-loads', test: /[\\/]src[\\/]app[\\/]earlyLoads\.ts$/ },
            { name: 'schemas', test: SCHEMAS },
          ],
        },
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
