import { accessSync, constants, readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { z } from 'zod';

/**
 * A credential named in configuration, never written there: `env:NAME` (an environment
 * variable) or `file:/path` (a mounted secret). The value is read when it is used, so a
 * rotated secret file takes effect without a restart; the reference is checked at start so a
 * typo fails the start instead of the first reply. Printing or serialising one shows only the
 * reference.
 */
export class SecretRef {
  constructor(
    readonly ref: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  value(): string {
    if (this.ref.startsWith('env:')) {
      const value = this.env[this.ref.slice(4)]?.trim();
      if (!value) throw new Error(`secret ${this.ref} is not set`);
      return value;
    }
    const value = readFileSync(this.ref.slice(5), 'utf8').trim();
    if (!value) throw new Error(`secret ${this.ref} is empty`);
    return value;
  }

  toJSON(): string {
    return `[secret ${this.ref}]`;
  }

  toString(): string {
    return this.toJSON();
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}

/** Why a reference cannot be read now (start-up check), or null. */
export function secretProblem(ref: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (ref.startsWith('env:')) {
    const name = ref.slice(4);
    return env[name]?.trim() ? null : `environment variable ${name} is not set`;
  }
  const path = ref.slice(5);
  try {
    accessSync(path, constants.R_OK);
    return readFileSync(path, 'utf8').trim() ? null : `secret file ${path} is empty`;
  } catch {
    return `secret file ${path} cannot be read`;
  }
}

/** `env:NAME` or `file:/absolute/path`, checked now, read on use. */
export const secretRefSchema = z
  .string()
  .regex(/^(env:[A-Za-z_][A-Za-z0-9_]*|file:\/.+)$/, 'expected "env:VARIABLE_NAME" or "file:/path/to/secret" (credentials never go in this JSON)')
  .superRefine((ref, ctx) => {
    const problem = secretProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((ref) => new SecretRef(ref));
