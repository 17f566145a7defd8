// `npm run bench:map` (issue 15, Performance): the map of a district with every compound and facility interactive,
// pan and zoom at 60 frames per second in Chromium on this machine. The same world and measurement as the browser
// test (e2e/map-support.ts: 600 compounds of 拱墅区 at six stages, 6,000 facilities; a scripted 2-second drag then
// wheel zoom, one input per animation frame). Physical reference: the browser's own frame rate over an idle 2 s
// (requestAnimationFrame alone, nothing drawn), the ceiling any map can reach here. Flags: --compounds=600
// --facilities=6000 --seconds=2. Exit 0 whether or not the budget is met (the table says); 1 on errors.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startTestServer } from '../src/apps/test-server.ts';
import { GONGSHU, mapDistrict, measurePanZoom } from '../e2e/map-support.ts';
import { fmt, textTable, writeReport, type Figure, type Report } from './support/report.ts';
import { cpuBusyPercent, elapsedSeconds, log, numberFlag, withHeartbeat } from './support/run.ts';

const COMPOUNDS = numberFlag('compounds', 600);
const FACILITIES = numberFlag('facilities', 6_000);
const SECONDS = numberFlag('seconds', 2);
const BUDGET_FPS = 60;
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

async function main(): Promise<void> {
  const busy = await cpuBusyPercent();
  const server = await withHeartbeat('starting the server', startTestServer({ LOG_LEVEL: 'warn' }));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await mapDistrict(server.ctx.database.pool, 'bench', COMPOUNDS, FACILITIES);
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    page.setDefaultTimeout(60_000);
    // tsx keeps function names by wrapping them in __name(); functions sent to page.evaluate carry the call along.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('gongshu');
    await page.getByTestId('login-password').fill('Demo@2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${server.url}/registry?division=${GONGSHU}&divisionName=拱墅区`);
    await page.getByRole('tab', { name: '地图' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="registry-map-features"] li').length >= n, COMPOUNDS, {
      timeout: 60_000,
    });
    const idle = await page.evaluate(async (seconds) => {
      const stamps: number[] = [];
      await new Promise<void>((done) => {
        const step = (ts: number) => {
          stamps.push(ts);
          if (ts - stamps[0]! < seconds * 1000) requestAnimationFrame(step);
          else done();
        };
        requestAnimationFrame(step);
      });
      return (stamps.length - 1) / ((stamps[stamps.length - 1]! - stamps[0]!) / 1000);
    }, SECONDS);
    const m = await measurePanZoom(page, 'registry-map', SECONDS);
    const figures: Figure[] = [
      {
        figure: `district map pan + zoom, ${fmt.int(COMPOUNDS)} compounds with circles + ${fmt.int(FACILITIES)} facilities, map repaints per second over ${m.seconds.toFixed(1)} s (worst frame ${m.worstFrameMs.toFixed(0)} ms)`,
        budget: `>= ${BUDGET_FPS} fps`,
        measured: `${m.fps.toFixed(1)} fps`,
        reference: `${idle.toFixed(1)} fps: the browser's idle frame rate (requestAnimationFrame, nothing drawn)`,
        ratio: fmt.ratio(m.fps / idle),
        // A display frame is 1/60 s; a run that repainted at least 57 times a second missed fewer than 1 in 20.
        pass: m.fps >= BUDGET_FPS * 0.95,
      },
    ];
    const cpu = os.cpus();
    const report: Report = {
      title: 'District map (issue 15): pan and zoom frame rate in Chromium',
      date: new Date().toISOString(),
      machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
      totalSeconds: elapsedSeconds(),
      figures,
      notes: [
        `CPU busy before the run: ${busy.toFixed(0)} %; Chromium headless, software rendering.`,
        'Pass counts 57 fps or more as 60 (vsync jitter); the measured figure is printed as is.',
      ],
      raw: { measure: m, idleFps: idle },
    };
    console.log(`\n${report.title}\n\n${textTable(report.figures)}\n`);
    for (const n of report.notes) console.log(`- ${n}`);
    for (const f of writeReport(resultsDir, 'map', report)) log(`wrote ${path.relative(process.cwd(), f)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
