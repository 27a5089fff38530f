import { chromium } from '@playwright/test';
for (const args of [[], ['--disable-gpu'], ['--disable-gpu', '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows']]) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', ...args] });
  const page = await browser.newPage();
  await page.setContent('<div>hi</div>');
  const gaps: number[] = await page.evaluate('new Promise((resolve) => { const g = []; let last = 0; function f(t) { if (last) g.push(t - last); last = t; if (g.length < 60) requestAnimationFrame(f); else resolve(g); } requestAnimationFrame(f); })');
  gaps.sort((a, b) => a - b);
  console.log(args.join(' '), 'p50', gaps[30], 'max', gaps.at(-1));
  await browser.close();
}
