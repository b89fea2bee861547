import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Paths the Pulse app answers; everything else is the dashboard. */
const API_PATHS = ['/graphql', '/ingest', '/readyz', '/healthz', '/metrics', '/export', '/reports'];

export interface DashboardServer {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Stand-in for the gateway mounting the dashboard: serves `dist/` with an SPA fallback on one
 * port and forwards the API (HTTP and the graphql-ws upgrade) to a running Pulse, so the page
 * talks to its own origin exactly as it will behind the gateway.
 */
export async function startDashboardServer(distDir: string, apiBaseUrl: string): Promise<DashboardServer> {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`${distDir}/index.html is missing: run the dashboard build first`);
  const api = new URL(apiBaseUrl);

  const serveStatic = (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(distDir, path));
    const inside = file.startsWith(distDir + sep);
    const target = inside && existsSync(file) && statSync(file).isFile() ? file : join(distDir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(target).pipe(res);
  };

  const proxy = (req: IncomingMessage, res: ServerResponse): void => {
    const upstream = request(
      { host: api.hostname, port: api.port, method: req.method, path: req.url, headers: { ...req.headers, host: api.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy error: ${error.message}`);
    });
    req.pipe(upstream);
  };

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (API_PATHS.some((p) => path === p || path.startsWith(`${p}/`))) proxy(req, res);
    else serveStatic(req, res);
  });

  // WebSocket: replay the upgrade request to the app and splice the two sockets together.
  server.on('upgrade', (req, socket, head) => {
    const upstream = connect(Number(api.port), api.hostname, () => {
      const headers = Object.entries({ ...req.headers, host: api.host })
        .flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => `${name}: ${v}`) : value === undefined ? [] : [`${name}: ${value}`]))
        .join('\r\n');
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('dashboard server has no address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
