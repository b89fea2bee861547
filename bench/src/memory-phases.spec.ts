import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { heapFigures, peakRssMb, resetPeakRss } from './memory-phases.js';

describe('memory phases', () => {
  it('reads heap in use and external memory from prom-client default metrics', () => {
    const text = [
      '# HELP pulse_process_nodejs_heap_size_used_bytes Process heap size used from Node.js in bytes.',
      'pulse_process_nodejs_heap_size_used_bytes 104857600',
      'pulse_process_nodejs_heap_size_total_bytes 209715200',
      'pulse_process_nodejs_external_memory_bytes 31457280',
    ].join('\n');
    expect(heapFigures(text)).toEqual({ heapUsedMb: 100, externalMb: 30 });
    expect(heapFigures('')).toEqual({ heapUsedMb: Number.NaN, externalMb: Number.NaN });
  });

  it('resets a process’s high-water mark to its current resident set', async () => {
    // A child that touches 200 MB, frees it and waits: its peak stays high until reset.
    const child = spawn(process.execPath, ['--expose-gc', '-e', "let b = Buffer.alloc(200 * 2 ** 20, 1); b = null; gc(); console.log('freed'); setTimeout(() => {}, 30000);"], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const before = peakRssMb(child.pid);
      expect(before).toBeGreaterThan(200);
      expect(resetPeakRss(child.pid)).toBe(true);
      expect(peakRssMb(child.pid)).toBeLessThan(before - 150);
    } finally {
      child.kill();
    }
  });
});
