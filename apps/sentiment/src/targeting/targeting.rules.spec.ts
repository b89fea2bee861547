import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TARGETING_RULES } from './targeting.rules.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the rules table in the sentiment README', () => {
  it('lists every targeting rule, and no other', () => {
    const listed = [...readme.matchAll(/^\| `([a-z-]+)` \|/gmu)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(TARGETING_RULES).sort());
  });
});
