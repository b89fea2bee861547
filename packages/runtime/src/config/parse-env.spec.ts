import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvValidationError, envBoolean, envPort, parseEnv } from './parse-env.js';

const schema = z.object({ PORT: envPort.default(4000), DEMO: envBoolean.default(true), NAME: z.string().min(1) });

describe('parseEnv', () => {
  it('applies defaults and coerces values', () => {
    expect(parseEnv('t', schema, { NAME: 'x', DEMO: 'off' })).toEqual({ PORT: 4000, DEMO: false, NAME: 'x' });
  });

  it('reports every invalid variable in one error', () => {
    try {
      parseEnv('test-app', schema, { PORT: 'abc', DEMO: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvValidationError);
      const problems = (error as EnvValidationError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/PORT/);
      expect(problems.join('\n')).toMatch(/DEMO/);
      expect(problems.join('\n')).toMatch(/NAME/);
      expect((error as Error).message).toMatch(/^test-app: invalid configuration/);
    }
  });

  it('reads an empty variable as unset, as docker compose passes an unset ${VAR:-}', () => {
    const withUrl = schema.extend({ HOOK: z.url().optional() });
    expect(parseEnv('t', withUrl, { NAME: 'x', PORT: '', DEMO: ' ', HOOK: '' })).toEqual({ PORT: 4000, DEMO: true, NAME: 'x' });
    expect(() => parseEnv('t', withUrl, { NAME: '' })).toThrow(/NAME/);
  });
});
