// WebKit for the browser suites: Debian's WebKitWebDriver driving MiniBrowser (--automation) under a
// private Xvfb display, spoken to in classic W3C WebDriver over HTTP. MiniBrowser has no headless mode
// in this build, so the display is real; Xvfb picks a free display number itself (-displayfd).
// Every process started here is killed by close(), and by the process exit hook if a run dies first.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

// WebDriver's key codes for the key names the suites use (the Playwright/Puppeteer names).
const KEYS = {
  Backspace: '\uE003', Tab: '\uE004', Enter: '\uE007', Shift: '\uE008', Control: '\uE009', Escape: '\uE00C',
  PageUp: '\uE00E', PageDown: '\uE00F', End: '\uE010', Home: '\uE011',
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015', Delete: '\uE017',
};
export const webdriverKey = (name) => KEYS[name] ?? (name.length === 1 ? name : null);

const children = new Set();
process.on('exit', () => { for (const c of children) c.kill('SIGKILL'); });

function start(command, args, options) {
  const child = spawn(command, args, options);
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => { clearTimeout(timer); done(); });
    child.kill('SIGTERM');
  });
}

const freePort = () => new Promise((done, fail) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => done(port)); });
  s.on('error', fail);
});

// A display of our own: Xvfb writes the number it picked to fd 3 once it accepts connections.
async function startXvfb() {
  const xvfb = start('Xvfb', ['-displayfd', '3', '-screen', '0', '2400x4000x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let log = '';
  xvfb.stderr.on('data', (d) => { log += d; });
  const display = await new Promise((done, fail) => {
    let out = '';
    xvfb.stdio[3].on('data', (d) => { out += d; if (out.includes('\n')) done(out.trim()); });
    xvfb.once('exit', (code) => fail(new Error(`Xvfb exited (${code}) before picking a display: ${log}`)));
    setTimeout(() => fail(new Error(`Xvfb gave no display within 10 s: ${log}`)), 10000);
  });
  return { xvfb, display: `:${display}` };
}

// A classic WebDriver session on a fresh WebKitWebDriver + MiniBrowser + Xvfb. Returns
// { version, command(method, path, body), close() }; `command` paths are relative to the session.
export async function startWebKit() {
  const { xvfb, display } = await startXvfb();
  const port = await freePort();
  const driver = start('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'],
    { env: { ...process.env, DISPLAY: display }, stdio: ['ignore', 'ignore', 'pipe'] });
  let driverLog = '';
  driver.stderr.on('data', (d) => { driverLog = (driverLog + d).slice(-4000); });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => { await stop(driver); await stop(xvfb); };

  async function http(method, path, body) {
    const res = await fetch(url + path, {
      method, headers: { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) {
      const v = json.value ?? {};
      if (v.error === 'invalid session id') {
        // The browser went away under the session (a crashed MiniBrowser): say so, with the driver's
        // last words, and mark the error so that the harness can start a new session.
        const e = new Error(`WebDriver ${method} ${path}: the WebKit session ended (${v.message || 'invalid session id'})`
          + `; WebKitWebDriver's log ends with:\n${driverLog.slice(-1500) || '(nothing)'}`);
        e.sessionLost = true;
        throw e;
      }
      throw new Error(`WebDriver ${method} ${path}: ${v.error}: ${v.message}`);
    }
    return json.value;
  }
  try {
    for (let i = 0; ; i++) {
      try { await http('GET', '/status'); break; } catch (e) {
        if (i > 100 || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${e.message}\n${driverLog}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const session = await http('POST', '/session', { capabilities: { alwaysMatch: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    } } });
    const base = `/session/${session.sessionId}`;
    await http('POST', `${base}/timeouts`, { script: 60000, pageLoad: 60000 });
    return {
      version: `WebKitGTK ${session.capabilities.browserVersion}`,
      command: (method, path, body) => http(method, base + path, body),
      async close() {
        await http('DELETE', base).catch(() => {});
        await close();
      },
    };
  } catch (e) {
    await close();
    throw e;
  }
}
