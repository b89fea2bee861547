import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PULSE_SENTIMENT_BIN } from './cli-bin.js';

/** Runs the committed launcher (and so the built dist/, as `npx pulse-sentiment` on a fresh clone after `npm run build`). */
function runCli(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PULSE_SENTIMENT_BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('pulse-sentiment classify, built, with targets', () => {
  it('writes byTarget with label, score and rule for each target, the bundled model reading the clauses', async () => {
    const input = [
      { id: 'switch', text: 'Перешёл с Билайна на МТС и наконец-то нормальный интернет', targets: ['Билайн', { id: 'mts', query: 'МТС OR MTS OR "mts_rus"' }] },
      { id: 'compare', text: 'МТС лучше Билайна, проверено за год', targets: [{ terms: ['МТС', 'MTS'] }, 'Билайн'] },
      { id: 'plain', text: 'Билайн, третий день нет интернета' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const { code, stdout, stderr } = await runCli(['classify', '--quiet'], input);
    expect(code, stderr).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['id'])).toEqual(['switch', 'compare', 'plain']);
    expect(lines[0]!['byTarget']).toEqual([
      expect.objectContaining({ target: 'Билайн', label: 'negative', rule: 'switch-from', reason: 'switched away from it to МТС' }),
      expect.objectContaining({ target: 'mts', label: 'positive', rule: 'switch-to', matched: true }),
    ]);
    expect(lines[1]!['byTarget']).toEqual([
      expect.objectContaining({ target: 'МТС', label: 'positive', rule: 'comparison-winner' }),
      expect.objectContaining({ target: 'Билайн', label: 'negative', rule: 'comparison-loser' }),
    ]);
    for (const t of [...(lines[0]!['byTarget'] as { score: number }[]), ...(lines[1]!['byTarget'] as { score: number }[])]) expect(t.score).toBeGreaterThanOrEqual(0);
    expect(lines[2]).not.toHaveProperty('byTarget');
    expect(lines[2]).toMatchObject({ label: 'negative' });
  }, 60_000);
});
