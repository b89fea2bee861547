import { describe, expect, it } from 'vitest';
import { gatewaySettingsSchema } from './gateway.config.js';
import { dashboardLink, publicBaseUrl } from './public-url.js';

describe('public URL of printed links', () => {
  it('is PULSE_PUBLIC_URL when set (no trailing slash), else localhost and the port', () => {
    expect(publicBaseUrl('https://pulse.example.com/', 4000)).toBe('https://pulse.example.com');
    expect(publicBaseUrl('http://10.0.0.5:8080/pulse', 4000)).toBe('http://10.0.0.5:8080/pulse');
    expect(publicBaseUrl(undefined, 4100)).toBe('http://localhost:4100');
    expect(publicBaseUrl(undefined, 4100, true)).toBe('https://localhost:4100');
    expect(dashboardLink('https://pulse.example.com', 'pulse_a b')).toBe('https://pulse.example.com/#key=pulse_a%20b');
    expect(dashboardLink('https://pulse.example.com', undefined)).toBe('https://pulse.example.com/');
  });

  it('is a gateway setting that must be an http(s) URL', () => {
    expect(gatewaySettingsSchema.parse({ PULSE_PUBLIC_URL: 'https://pulse.example.com' }).PULSE_PUBLIC_URL).toBe('https://pulse.example.com');
    expect(gatewaySettingsSchema.safeParse({ PULSE_PUBLIC_URL: 'pulse.example.com' }).success).toBe(false);
  });
});
