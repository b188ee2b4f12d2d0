'use strict';
// SigmaSight frontend (trimmed): a tiny page plus /api/health, which reports healthy
// only when the backend's /health answers 200. No npm dependencies on purpose.
const http = require('http');

const PORT = Number(process.env.PORT || 3005);
const BACKEND_URL = (process.env.BACKEND_URL || 'http://localhost:8000').replace(/\/+$/, '');

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SigmaSight</title></head>
<body><h1>SigmaSight</h1><p>Portfolio risk analytics. API health: <a href="/api/health">/api/health</a></p></body>
</html>
`;

// Resolves with the backend's HTTP status, or 0 when it cannot be reached in time.
function backendStatus() {
  return new Promise((resolve) => {
    const req = http.get(`${BACKEND_URL}/health`, { timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
  });
}

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

const server = http.createServer(async (req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/api/health') {
    const status = await backendStatus();
    const ok = status === 200;
    send(res, ok ? 200 : 503, 'application/json',
      JSON.stringify({ status: ok ? 'ok' : 'error', backend: ok ? 'ok' : `unhealthy (${status || 'unreachable'})` }));
  } else if (req.method === 'GET' && path === '/') {
    send(res, 200, 'text/html; charset=utf-8', PAGE);
  } else {
    send(res, 404, 'application/json', JSON.stringify({ error: 'not found' }));
  }
});

server.listen(PORT, '0.0.0.0', () => console.log(`frontend listening on :${PORT}, backend ${BACKEND_URL}`));

// As PID 1 in a container node gets no default signal handling: exit promptly on
// SIGTERM/SIGINT (stop accepting, let in-flight requests end, hard stop after 5 s).
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    console.log(`${signal} received, shutting down`);
    server.close(() => process.exit(0));
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
