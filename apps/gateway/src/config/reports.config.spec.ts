import { describe, expect, it } from 'vitest';
import { gatewaySettings, gatewaySettingsSchema, refineGatewayEnv } from './gateway.config.js';

const schema = gatewaySettingsSchema.superRefine(refineGatewayEnv);
const SMTP = { ALERT_SMTP_HOST: 'smtp.example.com', ALERT_SMTP_FROM: 'pulse@example.com', ALERT_SMTP_TO: 'oncall@example.com' };

describe('weekly report settings', () => {
  it('are off unless asked for', () => {
    expect(gatewaySettings(schema.parse(SMTP)).reports).toEqual({ weeklyEmail: undefined });
  });

  it('mail the report recipients, or else the alert recipients, from the given hour', () => {
    expect(gatewaySettings(schema.parse({ ...SMTP, REPORT_WEEKLY_EMAIL: 'true' })).reports).toEqual({ weeklyEmail: { to: undefined, hourUtc: 7 } });
    const own = gatewaySettings(schema.parse({ ...SMTP, REPORT_WEEKLY_EMAIL: 'true', REPORT_WEEKLY_TO: 'board@example.com, pr@example.com', REPORT_WEEKLY_HOUR: '5' }));
    expect(own.reports).toEqual({ weeklyEmail: { to: ['board@example.com', 'pr@example.com'], hourUtc: 5 } });
  });

  it('refuse to start a report e-mail that could never be sent, naming the variable', () => {
    const noSmtp = schema.safeParse({ REPORT_WEEKLY_EMAIL: 'true' });
    expect(noSmtp.error?.issues.map((i) => i.path[0])).toEqual(['REPORT_WEEKLY_EMAIL']);
    expect(schema.safeParse({ ...SMTP, REPORT_WEEKLY_EMAIL: 'true', REPORT_WEEKLY_HOUR: '24' }).error?.issues[0]?.path).toEqual(['REPORT_WEEKLY_HOUR']);
    expect(schema.safeParse({ ...SMTP, REPORT_WEEKLY_EMAIL: 'true', REPORT_WEEKLY_TO: 'not-an-address' }).error?.issues[0]?.path).toEqual(['REPORT_WEEKLY_TO', 0]);
    expect(() => gatewaySettings(gatewaySettingsSchema.parse({ REPORT_WEEKLY_EMAIL: 'true' }))).toThrow(/REPORT_WEEKLY_EMAIL needs the SMTP settings/);
  });
});
