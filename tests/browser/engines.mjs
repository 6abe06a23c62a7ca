// One interface over the three engines the browser suites run in:
//   chromium  Debian's Chromium, driven by playwright-core (CDP)
//   firefox   Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (headless)
//   webkit    Debian's WebKitGTK MiniBrowser, driven by WebKitWebDriver (classic WebDriver, under Xvfb)
// A suite sees only Page (below): goto, evaluate, waitFor, mouse, keyboard, resize, screenshot,
// problems, close. No browser is ever downloaded: each engine is the system binary.
//
// ELU_BROWSERS=chromium,firefox (comma list) picks engines; the default is all three.
import { writeFile } from 'node:fs/promises';

import { startWebKit, webdriverKey } from './webdriver.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

export function selectedEngines(env = process.env.ELU_BROWSERS) {
  if (!env) return ENGINES;
  const list = env.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = list.filter((e) => !ENGINES.includes(e));
  if (unknown.length || !list.length) throw new Error(`ELU_BROWSERS=${env}: expected a comma list of ${ENGINES.join(', ')}`);
  return list;
}

// What a suite may need beyond Page, per engine: true, or why the engine (or its driver) lacks it.
// A test that needs one is skipped in the engines that lack it, with that reason in the output.
const CAPABILITIES = {
  cdp: { chromium: true, firefox: 'no Chrome DevTools Protocol (JS heap and DOM counters)', webkit: 'no Chrome DevTools Protocol (JS heap and DOM counters)' },
  media: { chromium: true, firefox: "puppeteer's media emulation needs CDP, which Firefox does not speak", webkit: 'classic WebDriver cannot emulate prefers-color-scheme / prefers-reduced-motion' },
  touch: { chromium: true, firefox: true, webkit: 'WebKitWebDriver delivers touch pointer actions as mouse events' },
  clipboard: { chromium: true, firefox: true, webkit: 'clipboard reads need a user gesture, which classic WebDriver cannot grant' },
  layoutShift: { chromium: true, firefox: 'no Layout Instability API (layout-shift entries)', webkit: 'no Layout Instability API (layout-shift entries)' },
};
export function lacks(engine, capability) {
  const v = CAPABILITIES[capability]?.[engine];
  if (v === undefined) throw new Error(`unknown capability ${capability}`);
  return v === true ? false : `${engine}: ${v}`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The narrowest viewport each engine's window can have (MiniBrowser's toolbar keeps it wider).
export const MIN_WIDTH = { chromium: 0, firefox: 0, webkit: 447 };

// The engine-neutral page. Options of launch(engine).page(): { width, height, colorScheme,
// reducedMotion, hasTouch, permissions } (the last four only where the engine has the capability).
class Page {
  constructor(backend) {
    this.backend = backend;
    this.mouse = backend.mouse;
    this.keyboard = backend.keyboard;
    this.touch = backend.touch; // { tap(x, y), start(x, y), move(x, y), end() } where the engine has touch
    this.native = backend.native; // the playwright or puppeteer page, for engine-only checks
    this.evaluateTimeout = 20000;
  }

  // url: absolute, or a path on the test server (openBrowser sets base).
  goto(url) { return this.backend.goto(new URL(url, this.base).href); }

  // fn runs in the page with one JSON-serializable argument; its (awaited) result comes back as JSON
  // (transport floats as bit patterns where bits matter: NaN and -0 do not survive every driver).
  // A promise that never settles (a broken element's `ready`, an epoch never reached) fails after
  // `timeout` ms with the function's text, instead of holding the test until its own limit.
  evaluate(fn, arg, { timeout = this.evaluateTimeout } = {}) {
    let timer;
    const limit = new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error(`page.evaluate did not settle within ${timeout} ms: ${String(fn).slice(0, 200)}`)), timeout);
    });
    return Promise.race([this.backend.evaluate(fn, arg), limit]).finally(() => clearTimeout(timer));
  }

  // Polls fn(arg) in the page until it returns something truthy (returned); fails with `message`.
  async waitFor(fn, arg, { timeout = 10000, message } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const v = await this.evaluate(fn, arg);
      if (v) return v;
      if (Date.now() > end) {
        const problems = await this.problems().catch(() => []);
        throw new Error(`timed out after ${timeout} ms waiting for ${message ?? String(fn).slice(0, 160)}`
          + (problems.length ? `; the page recorded: ${problems.join(' | ')}` : ''));
      }
      await sleep(50);
    }
  }

  // Problems the recorder (recorder.js, injected into every page) saw: console warnings and errors,
  // uncaught errors, unhandled rejections, CSP violations, failed resources, dialogs.
  problems() { return this.evaluate(() => window.__problems ?? ['no recorder on this page']); }
  clearProblems() { return this.evaluate(() => { window.__problems.length = 0; }); }

  // The viewport in CSS pixels; waits until the page reports the new size.
  async resize(width, height) {
    await this.backend.resize(width, height);
    await this.waitFor(([w, h]) => innerWidth === w && innerHeight === h, [width, height], { message: `a ${width} x ${height} viewport` });
  }

  screenshot(path, { fullPage = false } = {}) { return this.backend.screenshot(path, fullPage); }
  close() { return this.backend.close(); }
}

// Playwright's and Puppeteer's pages share the calls used here (mouse, keyboard, goto, evaluate,
// screenshot); touch and resizing differ.
function libraryPage(page, context, touch, resize) {
  return new Page({
    native: page,
    mouse: page.mouse,
    keyboard: page.keyboard,
    touch,
    goto: (url) => page.goto(url),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    resize,
    screenshot: (path, fullPage) => page.screenshot({ path, fullPage }),
    close: () => context.close(),
  });
}

// ---- Chromium: playwright-core ----
async function chromiumBrowser() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    version: `Chromium ${browser.version()}`,
    async page({ width = 1000, height = 800, colorScheme, reducedMotion, hasTouch, permissions } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion, hasTouch, permissions });
      const page = await context.newPage();
      // Touch: Playwright taps; a drag goes as raw CDP touch events (Playwright has no touch drag).
      let cdp = null;
      const touchEvent = async (type, points) => {
        cdp ??= await context.newCDPSession(page);
        await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
      };
      return libraryPage(page, context, {
        tap: (x, y) => page.touchscreen.tap(x, y),
        start: (x, y) => touchEvent('touchStart', [{ x, y }]),
        move: (x, y) => touchEvent('touchMove', [{ x, y }]),
        end: () => touchEvent('touchEnd', []),
      }, (w, h) => page.setViewportSize({ width: w, height: h }));
    },
    close: () => browser.close(),
  };
}

// ---- Firefox: puppeteer-core over WebDriver BiDi ----
async function firefoxBrowser() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true,
    // asyncClipboard: navigator.clipboard.readText without a permission prompt (what Chromium's
    // clipboard-read permission grants), so the copy buttons can be checked.
    extraPrefsFirefox: { 'browser.shell.checkDefaultBrowser': false, 'toolkit.telemetry.enabled': false,
      'dom.events.testing.asyncClipboard': true },
  });
  return {
    version: `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`,
    async page({ width = 1000, height = 800, colorScheme, reducedMotion, hasTouch, permissions } = {}) {
      if (colorScheme || reducedMotion) throw new Error('firefox: no media emulation (see CAPABILITIES)');
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width, height, hasTouch: Boolean(hasTouch) });
      let finger = null;
      return libraryPage(page, context, {
        tap: (x, y) => page.touchscreen.tap(x, y),
        start: async (x, y) => { finger = await page.touchscreen.touchStart(x, y); },
        move: (x, y) => finger.move(x, y),
        end: async () => { await finger.end(); finger = null; },
      }, (w, h) => page.setViewport({ width: w, height: h }));
    },
    close: () => browser.close(),
  };
}

// ---- WebKit: classic WebDriver (one window, so one page at a time) ----
async function webkitBrowser() {
  let wd = await startWebKit();
  let lost = false; // the session ended under a command (the browser crashed): the next page starts a new one
  const cmd = (method, path, body) => wd.command(method, path, body).catch((e) => {
    if (e.sessionLost) lost = true;
    throw e;
  });
  let pages = 0;
  // The window's decorations and toolbar: outer minus inner size, measured once.
  let chrome = null;
  async function setViewport(width, height) {
    if (!chrome) {
      await cmd('POST', '/window/rect', { width, height });
      await sleep(100);
      const [w, h] = await evaluate(() => [innerWidth, innerHeight]);
      const rect = await cmd('GET', '/window/rect');
      chrome = { dw: rect.width - w, dh: rect.height - h };
    }
    await cmd('POST', '/window/rect', { width: width + chrome.dw, height: height + chrome.dh });
  }
  async function evaluate(fn, arg) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn})(arguments[0])).then(
        (v) => done({ ok: v === undefined ? null : v }),
        (e) => done({ error: String((e && (e.stack ? e.message + '\\n' + e.stack : e.message)) || e) }));`;
    const r = await cmd('POST', '/execute/async', { script, args: [arg === undefined ? null : arg] });
    if (r && 'error' in r) throw new Error(`webkit: page.evaluate: ${r.error}`);
    return r?.ok;
  }
  let at = { x: 0, y: 0 };
  const pointer = (actions) => cmd('POST', '/actions', { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }] });
  const moveTo = (x, y) => ({ type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport', duration: 0 });
  const mouse = {
    async move(x, y, { steps = 1 } = {}) {
      const moves = [];
      for (let i = 1; i <= steps; i++) moves.push(moveTo(at.x + ((x - at.x) * i) / steps, at.y + ((y - at.y) * i) / steps));
      await pointer(moves);
      at = { x, y };
    },
    down: () => pointer([{ type: 'pointerDown', button: 0 }]),
    up: () => pointer([{ type: 'pointerUp', button: 0 }]),
    async click(x, y) {
      await pointer([moveTo(x, y), { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }]);
      at = { x, y };
    },
  };
  const keyboard = {
    async press(name) {
      const value = webdriverKey(name);
      if (!value) throw new Error(`webkit: no WebDriver key for ${name}`);
      await cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }] });
    },
  };
  async function screenshot(path, fullPage) {
    // Classic WebDriver shoots the viewport only: grow the window to the document first.
    let restore = null;
    if (fullPage) {
      const [w, h, full] = await evaluate(() => [innerWidth, innerHeight, document.documentElement.scrollHeight]);
      if (full > h) {
        restore = [w, h];
        await setViewport(w, full);
        await sleep(300);
      }
    }
    await writeFile(path, Buffer.from(await cmd('GET', '/screenshot'), 'base64'));
    if (restore) await setViewport(...restore);
  }
  return {
    version: wd.version,
    async page({ width = 1000, height = 800, colorScheme, reducedMotion, hasTouch, permissions } = {}) {
      if (colorScheme || reducedMotion || hasTouch || permissions) throw new Error('webkit: media emulation, touch and permissions are not available (see CAPABILITIES)');
      if (lost) {
        await wd.close();
        wd = await startWebKit();
        lost = false;
        chrome = null;
      }
      // One window: a new page replaces the previous one (a test that timed out may have left it open).
      const id = ++pages;
      await cmd('POST', '/url', { url: 'about:blank' });
      at = { x: 0, y: 0 };
      await cmd('DELETE', '/actions');
      const page = new Page({
        native: { command: cmd }, // the classic WebDriver session
        mouse,
        keyboard,
        goto: (url) => cmd('POST', '/url', { url }),
        evaluate,
        resize: setViewport,
        screenshot,
        close: async () => {
          if (id !== pages) return;
          await cmd('DELETE', '/actions').catch(() => {});
          await cmd('POST', '/url', { url: 'about:blank' }).catch(() => {});
        },
      });
      await page.resize(width, height);
      return page;
    },
    close: () => wd.close(),
  };
}

const LAUNCHERS = { chromium: chromiumBrowser, firefox: firefoxBrowser, webkit: webkitBrowser };

// { engine, version, page(options), close() }
export async function launch(engine) {
  if (!LAUNCHERS[engine]) throw new Error(`unknown engine ${engine}`);
  return { engine, ...(await LAUNCHERS[engine]()) };
}
