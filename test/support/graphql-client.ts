import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** Registered as an admin key in every app started by the tests (PULSE_BOOTSTRAP_KEY, see app-process.ts). */
export const TEST_API_KEY = 'pulse-integration-test-admin-key-0001';

export const authHeader = (key: string = TEST_API_KEY): Record<string, string> => ({ authorization: `Bearer ${key}` });

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function graphql<T>(baseUrl: string, query: string, variables: Record<string, unknown> = {}, key: string | null = TEST_API_KEY): Promise<GraphQLResponse<T> & { status: number }> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? authHeader(key) : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as GraphQLResponse<T>) };
}

/** A graphql-ws subscription that records every event it receives. */
export interface LiveSubscription<T> {
  events: T[];
  errors: unknown[];
  close(): Promise<void>;
}

export async function subscribe<T>(baseUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<LiveSubscription<T>> {
  const client: Client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: authHeader(),
    lazy: false,
    retryAttempts: 0,
  });
  const events: T[] = [];
  const errors: unknown[] = [];
  let acknowledged!: () => void;
  const connected = new Promise<void>((resolve) => (acknowledged = resolve));
  client.on('connected', () => acknowledged());
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) events.push(value.data as T);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  await connected;
  // graphql-ws sends `subscribe` right after the ack; give the server a beat to register it.
  await new Promise((r) => setTimeout(r, 300));
  return {
    events,
    errors,
    close: async () => {
      unsubscribe();
      await client.dispose();
    },
  };
}

export async function postIngest(baseUrl: string, body: string, contentType = 'application/json'): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/ingest`, { method: 'POST', headers: { 'content-type': contentType, ...authHeader() }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
