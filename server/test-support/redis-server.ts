/**
 * A real redis-server for tests and the bench: started on a free loopback
 * port with its AOF (appendfsync always: every acknowledged write is on disk)
 * in a temporary folder, stopped and removed afterwards. `kill` and `restart`
 * act as a crash and a restart of Redis on the same data.
 * Debian: `apt-get install redis-server`; REDIS_SERVER names another binary.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process';

const READY = /Ready to accept connections/;

export interface RedisServer {
  port: number;
  url: string;
  /** SIGKILL: no shutdown, as in a crash (the AOF holds every acknowledged write). */
  kill(): Promise<void>;
  /** Starts it again on the same port and data (after kill). */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const binary = process.env.REDIS_SERVER ?? 'redis-server';
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--logfile', ''];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 10 s:\n${output}`));
    }, 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${binary} (${error.message}): install it (apt-get install redis-server) or set REDIS_SERVER`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${String(code)}) before it was ready:\n${output}`));
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (ready) return;
      output += chunk;
      if (READY.test(output)) {
        ready = true;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(child);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (!ready) output += chunk;
    });
  });
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'comms-console-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port, dir);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      if (!child) return;
      const exited = exitOf(child);
      child.kill('SIGKILL');
      await exited;
      child = undefined;
    },
    async restart() {
      if (child) throw new Error('redis-server is running: kill it first');
      child = await launch(port, dir);
    },
    async stop() {
      if (child) {
        const exited = exitOf(child);
        child.kill('SIGTERM');
        await exited;
        child = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
