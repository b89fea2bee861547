import { z } from 'zod';

export class EnvValidationError extends Error {
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(`${app}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvValidationError';
  }
}

/**
 * Parses the environment once, reporting every problem together so an operator fixes
 * the whole .env in one go instead of one restart per typo.
 */
export function parseEnv<S extends z.ZodType>(app: string, schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(withoutEmpty(env));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(root)';
    return `${name}: ${issue.message}`;
  });
  throw new EnvValidationError(app, problems);
}

/**
 * An empty variable is an unset one: docker compose passes every documented setting as
 * `VAR: ${VAR:-}`, so what the operator did not set arrives as "" and must take its default
 * rather than fail validation (an empty URL, token or number means nothing else).
 */
export function withoutEmpty(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
}

/** `"true"`, `"1"`, `"on"`, `"yes"` → true; `"false"`, `"0"`, `"off"`, `"no"` → false. */
export const envBoolean = z
  .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'], { message: 'expected true/false, on/off, yes/no or 1/0' })
  .transform((v) => v === 'true' || v === '1' || v === 'on' || v === 'yes');

export const envPort = z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535);

export const envPositiveInt = z.coerce.number({ message: 'expected a positive integer' }).int().positive();

export const envLogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
