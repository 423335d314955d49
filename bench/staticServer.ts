import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CONTENT_TYPES } from '../electron/web/browserHost';

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves `folder` and the in-memory `extra` files (path → body) on 127.0.0.1 at a free port:
 * the peer's page and its article. For the benchmark only; it trusts its paths.
 */
export async function serveStatic(folder: string, extra: Record<string, string>): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname).replace(/^\/+/, '') || 'index.html';
    const send = (body: string | Buffer) => {
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      response.end(body);
    };
    if (name in extra) return send(extra[name]!);
    fs.readFile(path.join(folder, path.normalize(name)))
      .then(send)
      .catch(() => {
        response.writeHead(404).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
