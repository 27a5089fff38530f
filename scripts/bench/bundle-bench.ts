/**
 * Bundle figures: `vite build` into a folder of the bench's own (a dist/
 * that a running console or test serves is never rewritten under it), then
 * the initial JavaScript — index.html's module scripts and modulepreloads and
 * everything they import statically — gzipped, and every other chunk, which
 * only a dynamic import loads. Each chunk's source map says which packages
 * are in it, so "mgt and msw only in lazy chunks" is checked, not guessed.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Chunk {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Notable packages inside (from the source map). */
  packages: string[];
}

export interface BundleFigures {
  initial: Chunk[];
  lazy: Chunk[];
  initialGzipBytes: number;
  /** Packages that must load only when used, found in the initial JavaScript. */
  eagerHeavyPackages: string[];
}

/** Packages that must load only when used, and the big ones worth naming. */
const HEAVY = ['msw', '@mswjs', '@microsoft/mgt', 'lit', '@fluentui'];
const NOTABLE = [...HEAVY, 'react-dom', 'react', 'zod', '@tanstack/react-query', 'zustand', 'idb'];

export async function buildDist(outDir: string): Promise<void> {
  await run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, timeout: 300_000 });
}

function packagesOf(mapFile: string): string[] {
  if (!existsSync(mapFile)) return [];
  const sources = (JSON.parse(readFileSync(mapFile, 'utf8')) as { sources?: string[] }).sources ?? [];
  const found = new Set<string>();
  for (const source of sources) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
    const name = match?.[1];
    if (!name) continue;
    const notable = NOTABLE.find((prefix) => name === prefix || name.startsWith(`${prefix}-`) || name.startsWith(`${prefix}/`));
    if (notable) found.add(notable === '@microsoft/mgt' ? '@microsoft/mgt-*' : notable === '@mswjs' ? '@mswjs/*' : name);
  }
  return [...found].sort();
}

/** `./x.js` imported statically (`import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`), not `import("./x.js")`. */
function staticImports(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g)) if (match[1]) found.push(match[1]);
  return found;
}

export function measureBundle(distDir: string): BundleFigures {
  const assets = join(distDir, 'assets');
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/assets\/([^"]+\.js)"/g)].map((match) => match[1] ?? '');
  const initial = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (initial.has(file) || !existsSync(join(assets, file))) continue;
    initial.add(file);
    queue.push(...staticImports(readFileSync(join(assets, file), 'utf8')));
  }
  const chunk = (file: string): Chunk => {
    const content = readFileSync(join(assets, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, packages: packagesOf(join(assets, `${file}.map`)) };
  };
  const all = readdirSync(assets).filter((file) => file.endsWith('.js'));
  const initialChunks = all.filter((file) => initial.has(file)).map(chunk);
  const lazy = all.filter((file) => !initial.has(file)).map(chunk).sort((a, b) => b.gzipBytes - a.gzipBytes);
  const eager = new Set(initialChunks.flatMap((c) => c.packages).filter((name) => HEAVY.some((heavy) => name.startsWith(heavy))));
  return { initial: initialChunks, lazy, initialGzipBytes: initialChunks.reduce((sum, c) => sum + c.gzipBytes, 0), eagerHeavyPackages: [...eager] };
}
