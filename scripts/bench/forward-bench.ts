/**
 * FORWARD_TO figures. Latency: a signed notification POSTed straight to a
 * bot (an HTTP server answering 202) against the same POSTed to the console
 * (a child process: verification, storage and relay on) that forwards it to
 * that bot, one at a time over keep-alive connections, alternating; the
 * difference is what the console adds between Graph and the bot. The bot
 * runs in a process of its own, as a real bot does, so both paths cross
 * processes and the difference is the console's hop and work. Memory:
 * the console in front of a bot that reads every request and never answers,
 * under twice as many senders as it has forwards in flight, sampled for its
 * resident memory in three equal parts of the run: bounded means it levels
 * off (the last part's peak no higher than the one before's, give or take
 * the garbage collector).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { residentBytes, sampleResidentMemory } from '../../server/test-support/process-memory';
import type { ServerProcess } from '../../server/test-support/server-process';
import type { NotificationIssuer } from './notification-issuer';
import { spawnBenchConsole } from './bench-console';
import { benchNotification, createPoster } from './poster';
import { compareInTurns, type Summary } from './stats';

export interface ForwardFigures {
  direct: Summary;
  forwarded: Summary;
  stall: {
    seconds: number;
    senders: number;
    maxInFlight: number;
    timeoutMs: number;
    answered: Record<string, number>;
    startBytes: number;
    /** Resident memory's peak in each equal part of the run, in order. */
    windowPeakBytes: number[];
  };
}

const WARM_UP = 300;
const MEASURED = 1_000;
const STALL_SECONDS = 12;
const STALL_WINDOWS = 3;
const STALL_SENDERS = 128;
const STALL_MAX_IN_FLIGHT = 64;
const STALL_TIMEOUT_MS = 2_000;
const CALLBACK = '/api/calling';

/** Plain JavaScript for `node -e`: a bot that answers 202 at once, or reads each request and never answers. */
const botSource = (answers: boolean) => `
  const server = require('node:http').createServer((req, res) => {
    req.resume();
    ${answers ? "req.on('end', () => { res.writeHead(202, { 'content-length': 0 }); res.end(); });" : ''}
  });
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

interface BotProcess {
  port: number;
  stop(): Promise<void>;
}

async function startBot(answers: boolean): Promise<BotProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-e', botSource(answers)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString('utf8').trim())));
    child.once('exit', (code) => reject(new Error(`the bench's bot exited (${String(code)}) before it listened`)));
  });
  return {
    port,
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function startConsole(issuer: NotificationIssuer, dir: string, forwardTo: string, extra: Record<string, string> = {}): Promise<ServerProcess> {
  return spawnBenchConsole(issuer, { dataDir: mkdtempSync(join(dir, 'data-')), env: { FORWARD_TO: forwardTo, ...extra } });
}

async function timed(send: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const status = await send();
  if (status !== 202) throw new Error(`a notification was answered ${status}`);
  return performance.now() - started;
}

async function measureLatency(issuer: NotificationIssuer, dir: string): Promise<{ direct: Summary; forwarded: Summary }> {
  const bot = await startBot(true);
  const botPort = bot.port;
  const consoleServer = await startConsole(issuer, dir, `http://127.0.0.1:${botPort}${CALLBACK}`);
  const toBot = createPoster(botPort, 1);
  const toConsole = createPoster(consoleServer.port, 1);
  try {
    // One token for the run, as Graph reuses its token for an hour.
    const headers = { authorization: `Bearer ${await issuer.sign()}` };
    let id = 0;
    const direct = () => toBot.post(CALLBACK, headers, benchNotification((id += 1)));
    const forwarded = () => toConsole.post('/api/calls', headers, benchNotification((id += 1)));
    const [directLatency, forwardedLatency] = await compareInTurns(() => timed(direct), () => timed(forwarded), { warmUp: WARM_UP, measured: MEASURED });
    return { direct: directLatency, forwarded: forwardedLatency };
  } finally {
    toBot.close();
    toConsole.close();
    await consoleServer.stop();
    await bot.stop();
  }
}

async function measureStall(issuer: NotificationIssuer, dir: string): Promise<ForwardFigures['stall']> {
  // Reads every request, answers none: the console's timeout is what ends each forward.
  const bot = await startBot(false);
  const botPort = bot.port;
  const consoleServer = await startConsole(issuer, dir, `http://127.0.0.1:${botPort}${CALLBACK}`, {
    FORWARD_TIMEOUT_MS: String(STALL_TIMEOUT_MS),
    FORWARD_MAX_IN_FLIGHT: String(STALL_MAX_IN_FLIGHT),
  });
  const poster = createPoster(consoleServer.port, STALL_SENDERS);
  const answered: Record<string, number> = {};
  try {
    const headers = { authorization: `Bearer ${await issuer.sign()}` };
    const startBytes = residentBytes(consoleServer.pid);
    const windowPeakBytes: number[] = [];
    let sampler = sampleResidentMemory(consoleServer.pid);
    const nextWindow = setInterval(() => {
      windowPeakBytes.push(sampler.peak());
      sampler.stop();
      sampler = sampleResidentMemory(consoleServer.pid);
    }, (STALL_SECONDS * 1000) / STALL_WINDOWS);
    const deadline = performance.now() + STALL_SECONDS * 1000;
    let id = 0;
    await Promise.all(
      Array.from({ length: STALL_SENDERS }, async () => {
        while (performance.now() < deadline) {
          const status = await poster.post('/api/calls', headers, benchNotification((id += 1)));
          answered[String(status)] = (answered[String(status)] ?? 0) + 1;
        }
      }),
    );
    clearInterval(nextWindow);
    if (windowPeakBytes.length < STALL_WINDOWS) windowPeakBytes.push(sampler.peak());
    sampler.stop();
    return {
      seconds: STALL_SECONDS,
      senders: STALL_SENDERS,
      maxInFlight: STALL_MAX_IN_FLIGHT,
      timeoutMs: STALL_TIMEOUT_MS,
      answered,
      startBytes,
      windowPeakBytes,
    };
  } finally {
    poster.close();
    await consoleServer.stop();
    await bot.stop();
  }
}

export async function runForwardBench(issuer: NotificationIssuer): Promise<ForwardFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'comms-console-bench-forward-'));
  try {
    const latency = await measureLatency(issuer, dir);
    const stall = await measureStall(issuer, dir);
    return { ...latency, stall };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
