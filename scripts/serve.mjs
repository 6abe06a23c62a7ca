// A small static file server for the demo and the browser tests (localhost only).
//   node scripts/serve.mjs [--port 8080]      PORT=0 picks a free port
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json',
};

// root: the folder served (the repository by default); headers: added to every response;
// html: (text, url) => text, applied to every HTML page served (the browser tests inject a recorder);
// respond: (url) => { status, headers, body } | undefined (or a promise of it), a test's own answer for some URLs.
export function startServer({ port = 0, host = '127.0.0.1', headers = {}, root = REPO, html, respond } = {}) {
  const ROOT = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const own = await respond?.(new URL(req.url, 'http://x'));
      if (own) {
        res.writeHead(own.status ?? 200, { 'cache-control': 'no-store', ...own.headers }).end(own.body ?? '');
        return;
      }
      let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
      let file = join(ROOT, path);
      if (!file.startsWith(ROOT)) throw new Error('outside root');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      if (html && extname(file) === '.html') body = html(body.toString('utf8'), new URL(req.url, 'http://x'));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
                           'cache-control': 'no-store', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((done) => server.listen(port, host, () => done(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = Number(i > 0 ? process.argv[i + 1] : process.env.PORT ?? 8080);
  const server = await startServer({ port });
  console.log(`elu-playground demo: http://localhost:${server.address().port}/web/demo/`);
}
