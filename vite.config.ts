import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  server: {
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(process.env.PORT ?? 5173),
  },
  build: {
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Makes the fake Graph's TLS certificate and trusts it (NODE_EXTRA_CA_CERTS) before workers start.
    globalSetup: ['e2e/fake-graph/vitest-global-setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
