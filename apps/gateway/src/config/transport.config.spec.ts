import { describe, expect, it } from 'vitest';
import { distributedSchema, gatewaySettings, gatewaySettingsSchema } from './gateway.config.js';

describe('encrypted transport settings', () => {
  it('passes DATABASE_SSLMODE to the PostgreSQL pool as TLS options', () => {
    const plain = gatewaySettings(gatewaySettingsSchema.parse({ DATABASE_URL: 'postgres://db/pulse' }));
    expect(plain.database).toMatchObject({ kind: 'postgres', ssl: false });
    const required = gatewaySettings(gatewaySettingsSchema.parse({ DATABASE_URL: 'postgres://db/pulse', DATABASE_SSLMODE: 'require' }));
    expect(required.database).toMatchObject({ kind: 'postgres', ssl: { minVersion: 'TLSv1.2', rejectUnauthorized: false } });
    const full = gatewaySettings(gatewaySettingsSchema.parse({ DATABASE_URL: 'postgres://db/pulse', DATABASE_SSLMODE: 'verify-full' }));
    expect(full.database).toMatchObject({ ssl: { rejectUnauthorized: true } });
  });

  it('reports half a TLS setup with every other mistake, in one parse', () => {
    const result = distributedSchema.safeParse({ KAFKA_BROKERS: 'k:9092', TLS_CERT_FILE: '/certs/server.crt', DATABASE_SSLMODE: 'verify-ca', PORT: 'eighty' });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['PORT']));
    // Cross-field checks run when the fields themselves parse: fix PORT and both refinements speak.
    const refined = distributedSchema.safeParse({ KAFKA_BROKERS: 'k:9092', TLS_CERT_FILE: '/certs/server.crt', DATABASE_SSLMODE: 'verify-ca' });
    expect(refined.error!.issues.map((issue) => issue.path.join('.'))).toEqual(expect.arrayContaining(['TLS_KEY_FILE', 'DATABASE_SSL_CA_FILE']));
  });
});
