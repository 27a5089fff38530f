/**
 * The console server as a real child process, for tests and the bench that
 * must kill it (kill -9), restart it on the same DATA_DIR, or measure it
 * apart from the process driving the load.
 *
 * It runs `node --import <tsx loader> <entry>` rather than the `tsx` CLI:
 * the CLI starts the program in a grandchild, so killing the pid we hold
 * would orphan the real server. The working directory is a throwaway one,
 * so a developer's `.env` (main.ts reads it) cannot change what is tested,
 * and only the variables given (plus PATH, HOME, temp and CA settings) are
 * passed on, for the same reason.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SERVER_MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
/** main.ts prints this once it listens. */
const READY = /Comms Console: (http:\/\/\S+)/;
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'NODE_EXTRA_CA_CERTS', 'SYSTEMROOT'];

export interface ServerProcess {
  pid: number;
  port: number;
  /** Every line the server printed (stdout and stderr), for log assertions. */
  output: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGKILL: no shutdown code runs, as when the machine or the OOM killer stops it. */
  killHard(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnServerOptions {
  /** Must include PORT (a fixed one, so a restart is reachable at the same address). */
  env: Record<string, string>;
  /** A TypeScript entry; default server/main.ts. */
  entry?: string;
  readyTimeoutMs?: number;
  /** Extra node flags, e.g. --max-old-space-size. */
  nodeArgs?: string[];
  /** Command-line arguments for the entry, e.g. --forward-to. */
  args?: string[];
  /** Keep every printed line in `output` (default); the bench turns it off, as it makes a line per request. */
  keepOutput?: boolean;
}

/** A port nothing listens on now (the OS may hand it out again later; good enough on loopback in tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
    probe.on('error', reject);
  });
}

function tsxLoaderUrl(): string {
  // `tsx`'s package export is its ESM loader (dist/loader.mjs); resolved from this repo, not the child's cwd.
  const resolved = createRequire(import.meta.url).resolve('tsx');
  return pathToFileURL(resolved).href;
}

export async function spawnServer(options: SpawnServerOptions): Promise<ServerProcess> {
  const port = Number(options.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('spawnServer needs a fixed PORT in env');
  const cwd = mkdtempSync(join(tmpdir(), 'comms-console-cwd-'));
  const env: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, options.env);
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', tsxLoaderUrl(), options.entry ?? SERVER_MAIN, ...(options.args ?? [])], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve(code);
    });
  });
  let ready: (() => void) | undefined;
  const keepOutput = options.keepOutput ?? true;
  const onLine = (line: string) => {
    if (keepOutput || ready) output.push(line);
    if (ready && READY.test(line)) ready();
  };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
  }

  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${output.join('\n')}`));
    }, timeoutMs);
    ready = () => {
      clearTimeout(timer);
      ready = undefined;
      resolve();
    };
    void exited.then((code) => {
      clearTimeout(timer);
      if (ready) reject(new Error(`the server exited (${String(code)}) before it listened:\n${output.join('\n')}`));
    });
  });

  const pid = child.pid ?? 0;
  return {
    pid,
    port,
    output,
    exited,
    async killHard() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
