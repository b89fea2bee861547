/**
 * Peak memory per bench phase, per app. One peak over the whole run cannot say whether an app
 * grows under a rate it takes (a leak, an unbounded queue) or only while it is offered more than
 * it can take; and RSS alone cannot say whether the heap, buffers outside it or native memory
 * (the model's arena) hold it. So each phase resets the kernel's high-water mark and samples the
 * app's own process metrics while it runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface MemoryPeak {
  /** VmHWM over the phase (the kernel's peak resident set), MB. */
  peakRssMb: number;
  /** Largest samples of the V8 heap in use and of memory outside it (Buffers, ArrayBuffers), MB. */
  heapUsedMb: number;
  externalMb: number;
}

/** Sets a process's VmHWM back to its current RSS (Linux: `5` in /proc/<pid>/clear_refs). */
export function resetPeakRss(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export function peakRssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/u.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

const HEAP_USED = /^pulse_process_nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([0-9.eE+]+)$/mu;
const EXTERNAL = /^pulse_process_nodejs_external_memory_bytes(?:\{[^}]*\})? ([0-9.eE+]+)$/mu;

/** Heap in use and external memory from an app's /metrics (prom-client's default process metrics). */
export function heapFigures(metricsText: string): { heapUsedMb: number; externalMb: number } {
  const mb = (re: RegExp): number => Math.round(Number(re.exec(metricsText)?.[1] ?? Number.NaN) / 2 ** 20);
  return { heapUsedMb: mb(HEAP_USED), externalMb: mb(EXTERNAL) };
}

export interface SampledApp {
  name: string;
  pid: number | undefined;
  baseUrl: string;
}

/** Samples every app while a phase runs; `stop()` returns each app's peaks for the phase. */
export function sampleMemory(apps: readonly SampledApp[], everyMs = 250): { stop(): Promise<Record<string, MemoryPeak>> } {
  const peaks = new Map(apps.map((a) => [a.name, { heapUsedMb: 0, externalMb: 0 }]));
  for (const app of apps) resetPeakRss(app.pid);
  let running = true;
  const loop = (async () => {
    while (running) {
      await Promise.all(
        apps.map(async (app) => {
          // A sample lost to a busy app is only a missing point; the kernel's VmHWM still holds the peak.
          const text = await fetch(`${app.baseUrl}/metrics`).then((r) => r.text()).catch(() => '');
          const figures = heapFigures(text);
          const peak = peaks.get(app.name)!;
          if (figures.heapUsedMb > peak.heapUsedMb) peak.heapUsedMb = figures.heapUsedMb;
          if (figures.externalMb > peak.externalMb) peak.externalMb = figures.externalMb;
        }),
      );
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return Object.fromEntries(apps.map((a) => [a.name, { peakRssMb: peakRssMb(a.pid), ...peaks.get(a.name)! }]));
    },
  };
}
