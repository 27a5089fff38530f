import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { FIRST_SCREEN_RENDERER } from './src/graph/firstScreen';

/**
 * zod and the schemas and profiles every part of the page shares, in one chunk: it is part of the initial load
 * anyway, and three small chunks cost more to download than one.
 */
const SCHEMAS = /node_modules[\\/]zod[\\/]|[\\/]src[\\/]graph[\\/](schemas|profiles)\.ts$/;

/**
 * The server's first-screen renderer (src/app/firstScreenMarkup.ts) is built for Node with the page, into the
 * page's folder wherever that is (`--outDir` included): the server finds it beside the index.html it serves.
 */
function firstScreenRenderer(): Plugin {
  let pageOutDir = 'dist';
  let building = false;
  return {
    name: 'first-screen-renderer',
    config(config, { command }) {
      pageOutDir = config.build?.outDir ?? pageOutDir;
      building = command === 'build';
    },
    // Only for the build: vitest runs the sources through the same `ssr` environment, as they are.
    configEnvironment(name) {
      if (name !== 'ssr' || !building) return undefined;
      const entry = FIRST_SCREEN_RENDERER.replace(/\.js$/, '');
      return {
        // Self-contained: the page's folder may be anywhere (the bench builds into a temporary one), far from node_modules.
        resolve: { noExternal: true },
        // React's production build, whatever NODE_ENV the server runs with.
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          outDir: join(pageOutDir, entry.slice(0, entry.lastIndexOf('/'))),
          copyPublicDir: false,
          sourcemap: false,
          rollupOptions: { input: { [entry.slice(entry.lastIndexOf('/') + 1)]: 'src/app/firstScreenMarkup.ts' }, output: { entryFileNames: '[name].js' } },
        },
      };
    },
  };
}

export default defineConfig({
  plugins: [react(), firstScreenRenderer()],
  // `vite build` builds both: the page, then the first-screen renderer the server runs.
  builder: {},
  environments: { client: {}, ssr: {} },
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
