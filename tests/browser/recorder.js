// Injected by the test server as the first script of every HTML page (a same-origin classic script, so a
// strict CSP allows it), in every engine: records what a reader's console would show as a problem, so a
// suite can fail on any of them. Classic WebDriver (WebKit) cannot read the console; this works the same
// everywhere. window.__problems holds strings: "warning: ...", "error: ...", "pageerror: ...",
// "unhandledrejection: ...", "csp: <directive> <blocked URI>", "resource: <url>", "alert: ...".
(() => {
  const problems = (window.__problems = []);
  const text = (args) => args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : String(a))).join(' ');
  for (const [level, label] of [['warn', 'warning'], ['error', 'error']]) {
    const original = console[level].bind(console);
    console[level] = (...args) => { problems.push(`${label}: ${text(args)}`); original(...args); };
  }
  // Capture phase: also failed <script>/<link>/<img> loads, which do not bubble.
  addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) problems.push(`pageerror: ${e.message}`);
    else if (e.target && e.target !== window) problems.push(`resource: ${e.target.src || e.target.href || e.target.localName}`);
  }, true);
  addEventListener('unhandledrejection', (e) => problems.push(`unhandledrejection: ${e.reason?.message ?? e.reason}`));
  document.addEventListener('securitypolicyviolation', (e) => problems.push(`csp: ${e.violatedDirective} ${e.blockedURI}`));
  // A dialog would also block classic WebDriver; record it instead of showing it.
  for (const k of ['alert', 'confirm', 'prompt']) window[k] = (m) => { problems.push(`${k}: ${m}`); return null; };
})();
