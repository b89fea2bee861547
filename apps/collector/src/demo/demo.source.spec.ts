import { createLogger } from '@pulse/runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IngestService } from '../ingest/ingest.service.js';
import { DEMO_CORPUS, DemoSource } from './demo.source.js';

afterEach(() => vi.useRealTimers());

describe('DemoSource', () => {
  it('ships a corpus of at least 300 Russian and English mentions', () => {
    expect(DEMO_CORPUS.length).toBeGreaterThanOrEqual(300);
    const languages = new Set(DEMO_CORPUS.map((i) => i.language));
    expect(languages).toContain('ru');
    expect(languages).toContain('en');
    expect(new Set(DEMO_CORPUS.map((i) => i.text)).size).toBe(DEMO_CORPUS.length);
  });

  it('emits at the configured rate with a fresh sourceId per replay', async () => {
    vi.useFakeTimers();
    const items: Record<string, unknown>[] = [];
    const ingest = { ingest: async (batch: Record<string, unknown>[]) => (items.push(...batch), { accepted: batch.length, ids: [], rejected: [] }) };
    const source = new DemoSource(ingest as unknown as IngestService, 20, createLogger('t', 'silent'), DEMO_CORPUS.slice(0, 3));
    source.start();
    await vi.advanceTimersByTimeAsync(1000);
    await source.stop();
    expect(items.length).toBeGreaterThanOrEqual(19);
    expect(items.length).toBeLessThanOrEqual(21);
    expect(new Set(items.map((i) => i.sourceId)).size).toBe(items.length);
    expect(items[3]!.text).toBe(items[0]!.text);
  });
});
