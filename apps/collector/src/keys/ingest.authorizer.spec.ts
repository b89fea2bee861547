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

  it('decides from the headers alone whether a body may be sent', () => {
    expect(authorizer.permitBody({ authorization: 'Bearer k-ingest' })).toEqual({ kind: 'key', principal: 'key:ing' });
    expect(codeOf(() => authorizer.permitBody({}))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => authorizer.permitBody({ authorization: 'Bearer k-viewer' }))).toBe('FORBIDDEN');
    // A signature header from a sender we hold no secret for: refused before its body is read.
    expect(codeOf(() => authorizer.permitBody({ 'x-pulse-signature': 'sha256=00' }))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => authorizer.permitBody({ 'x-pulse-signature': 'sha256=00', 'x-pulse-source': 'partner-b' }))).toBe('UNAUTHENTICATED');
    const body = '[{"source":"webhook"}]';
    const permit = authorizer.permitBody({ 'x-pulse-signature': signWebhookBody(body, 's3cret'), 'x-pulse-source': 'partner-a' });
    expect(permit).toMatchObject({ kind: 'webhook', sender: 'partner-a' });
    if (permit.kind !== 'webhook') throw new Error('expected a webhook permit');
    expect(permit.verify(body)).toEqual({ principal: 'webhook:partner-a' });
    expect(codeOf(() => permit.verify(`${body} `))).toBe('UNAUTHENTICATED');
  });
});
