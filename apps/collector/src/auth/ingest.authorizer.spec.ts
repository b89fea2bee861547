import { describe, expect, it } from 'vitest';
import { signWebhookBody } from '../sources/webhook/webhook-signature.js';
import { IngestAuthorizer } from './ingest.authorizer.js';
import { KeyRegistry, sha256Hex } from './key-registry.service.js';

const keys = new KeyRegistry();
const at = '2026-11-01T00:00:00.000Z';
keys.apply([
  { id: 'ing', name: 'feed', role: 'ingest', sha256: sha256Hex('k-ingest'), revoked: false, createdAt: at, updatedAt: at },
  { id: 'view', name: 'dash', role: 'viewer', sha256: sha256Hex('k-viewer'), revoked: false, createdAt: at, updatedAt: at },
]);
const authorizer = new IngestAuthorizer(keys, new Map([['partner-a', ['s3cret']]]));

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('IngestAuthorizer', () => {
  it('accepts an ingest key and refuses missing, unknown and read-only keys', () => {
    expect(authorizer.authorizeKey({ authorization: 'Bearer k-ingest' })).toEqual({ principal: 'key:ing' });
    expect(codeOf(() => authorizer.authorizeKey({}))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => authorizer.authorizeKey({ authorization: 'Bearer nope' }))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => authorizer.authorizeKey({ authorization: 'Bearer k-viewer' }))).toBe('FORBIDDEN');
  });

  it('accepts a correctly signed webhook from a configured sender only', () => {
    const body = '[{"source":"webhook"}]';
    const headers = { 'x-pulse-signature': signWebhookBody(body, 's3cret'), 'x-pulse-source': 'partner-a' };
    expect(authorizer.isSignedWebhook(headers)).toBe(true);
    expect(authorizer.authorizeWebhook(headers, body)).toEqual({ principal: 'webhook:partner-a' });
    expect(codeOf(() => authorizer.authorizeWebhook(headers, `${body} `))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => authorizer.authorizeWebhook({ ...headers, 'x-pulse-source': 'partner-b' }, body))).toBe('UNAUTHENTICATED');
  });
});
