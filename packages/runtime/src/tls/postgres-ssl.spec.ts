import { describe, expect, it } from 'vitest';
import { generateTestCertificate } from '../testing/test-certificates.js';
import { postgresSslEnvSchema, postgresSslOptions, refinePostgresSslEnv } from './postgres-ssl.js';

const schema = postgresSslEnvSchema.superRefine(refinePostgresSslEnv);

describe('postgresSslOptions', () => {
  it('is off unless asked for', () => {
    expect(postgresSslOptions(schema.parse({}))).toBe(false);
    expect(postgresSslOptions(schema.parse({ DATABASE_SSLMODE: 'disable' }))).toBe(false);
  });

  it('maps libpq sslmodes to pg TLS options, reading the CA file', () => {
    const cert = generateTestCertificate();
    try {
      expect(postgresSslOptions(schema.parse({ DATABASE_SSLMODE: 'require' }))).toEqual({ minVersion: 'TLSv1.2', rejectUnauthorized: false });
      const verifyCa = postgresSslOptions(schema.parse({ DATABASE_SSLMODE: 'verify-ca', DATABASE_SSL_CA_FILE: cert.caFile }));
      expect(verifyCa).toMatchObject({ rejectUnauthorized: true, ca: cert.ca });
      // verify-ca accepts any name in a certificate our CA signed.
      expect(verifyCa && verifyCa.checkServerIdentity?.('db.internal', {} as never)).toBeUndefined();
      const full = postgresSslOptions(schema.parse({ DATABASE_SSLMODE: 'verify-full', DATABASE_SSL_CA_FILE: cert.caFile }));
      expect(full).toMatchObject({ rejectUnauthorized: true, ca: cert.ca });
      expect(full && full.checkServerIdentity).toBeUndefined();
      const client = postgresSslOptions(schema.parse({ DATABASE_SSLMODE: 'verify-full', DATABASE_SSL_CERT_FILE: cert.certFile, DATABASE_SSL_KEY_FILE: cert.keyFile }));
      expect(client).toMatchObject({ cert: expect.any(Buffer), key: expect.any(Buffer) });
    } finally {
      cert.remove();
    }
  });

  it('reports set-up mistakes by variable name', () => {
    const verifyCa = schema.safeParse({ DATABASE_SSLMODE: 'verify-ca' });
    expect(verifyCa.error?.issues.map((i) => i.path.join('.'))).toEqual(['DATABASE_SSL_CA_FILE']);
    expect(schema.safeParse({ DATABASE_SSLMODE: 'prefer' }).success).toBe(false);
    expect(schema.safeParse({ DATABASE_SSL_CERT_FILE: '/c.pem' }).error?.issues[0]?.path).toEqual(['DATABASE_SSL_CERT_FILE']);
    expect(() => postgresSslOptions(schema.parse({ DATABASE_SSLMODE: 'verify-full', DATABASE_SSL_CA_FILE: '/nonexistent/ca.pem' }))).toThrow(/\/nonexistent\/ca\.pem/);
  });
});
