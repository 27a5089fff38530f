/**
 * `tsx server/main.ts`: reads and validates the environment, starts the
 * console, prints where to open it. Everything else lives in app.ts.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startServer } from './app';
import { ConfigError, configFromEnvironment, listInWords, missingLiveVariables } from './config';

/** `npm start -- --forward-to <url>`: the same as FORWARD_TO, and wins over it. */
function commandLineVariables(): Record<string, string> {
  try {
    const { values } = parseArgs({ options: { 'forward-to': { type: 'string' } }, strict: true });
    return values['forward-to'] !== undefined ? { FORWARD_TO: values['forward-to'] } : {};
  } catch (error) {
    console.error(`Comms Console: ${(error as Error).message}\nThe one option is --forward-to <the bot's callback URL>; everything else is set in the environment (see .env.example).`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const fromCommandLine = commandLineVariables();
  // `.env` in the working directory, if any; variables already in the environment win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = configFromEnvironment({ ...process.env, ...fromCommandLine });

  const server = await startServer(config);
  const missing = missingLiveVariables(config.graph);
  const mode =
    missing.length > 0
      ? `(mock mode only: set ${listInWords(missing)} for live mode)`
      : `(live mode: callback ${config.publicUrl ? `${config.publicUrl}/api/calls` : 'unreachable until PUBLIC_URL is set'})`;
  console.log(`Comms Console: ${server.url} ${mode}`);
  if (config.forwardTo) console.log(`  Forwarding every request to /api/calls to ${config.forwardTo.url} (FORWARD_TO); the bot's answer goes back to Graph.`);
  if (!server.distBuilt) console.log(`  The UI is not built (no ${config.distDir}/index.html): run \`npm run build\` first.`);

  const shutdown = (signal: string) => {
    console.log(`Comms Console: ${signal}, closing.`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => shutdown(signal));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Comms Console: ${error.message}\nSee .env.example for every variable and its meaning.`);
    process.exit(1);
  }
  const message = error instanceof Error ? error.message : String(error);
  const hint = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ' (the port is taken: set PORT to another one)' : '';
  console.error(`Comms Console failed to start: ${message}${hint}`);
  process.exit(1);
});
