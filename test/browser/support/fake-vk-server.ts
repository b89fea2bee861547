import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface VkCall {
  method: string;
  path: string;
  contentType: string;
  query: string;
  form: Record<string, string>;
}

export interface FakeVkServer {
  /** The API base, as REPLY_VK_API_URL takes it (up to /method). */
  apiUrl: string;
  calls: VkCall[];
  /** `{owner}_{post}` whose comments are closed (VK error 212). */
  closed: Set<string>;
  close(): Promise<void>;
}

/**
 * VK's `wall.createComment` as its documentation describes it, for the browser test: a POST
 * form with access_token and v, errors inside HTTP 200, `{"response": {"comment_id"}}`.
 * Every call is recorded so the test can check what the gateway sent.
 */
export async function startFakeVkServer(token: string): Promise<FakeVkServer> {
  const calls: VkCall[] = [];
  const closed = new Set<string>();
  let nextId = 9000;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://vk');
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      calls.push({ method: req.method ?? '', path: url.pathname, contentType: String(req.headers['content-type'] ?? ''), query: url.search, form });
      const answer = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const error = (code: number, msg: string) => answer({ error: { error_code: code, error_msg: msg, request_params: [] } });
      if (url.pathname !== '/method/wall.createComment') return error(3, 'Unknown method passed');
      if (form['access_token'] !== token) return error(5, 'User authorization failed: invalid access_token (4).');
      if (closed.has(`${form['owner_id']}_${form['post_id']}`)) return error(212, 'Access to post comments denied');
      answer({ response: { comment_id: nextId++, parents_stack: [] } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/method`,
    calls,
    closed,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
