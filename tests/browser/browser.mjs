// Shared by the browser tests: Debian's Chromium driven by playwright-core, pages served on localhost,
// and a console recorder so every test can assert a clean console.
import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';

export async function openBrowser() {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    browser,
    // A new page that records console errors/warnings and uncaught exceptions in `problems`.
    async page(options) {
      const page = await browser.newPage(options);
      page.problems = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') page.problems.push(`${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}
