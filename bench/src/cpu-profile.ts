import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The part of a V8 .cpuprofile (written by `node --cpu-prof`) that self time needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  /** `name (file:line)`, the file relative to the repository (dependencies keep their package path). */
  frame: string;
  selfMs: number;
  /** Share of the profile's sampled time, in percent. */
  sharePct: number;
}

/** V8 buckets that are not JavaScript a person can change; reported under their own names. */
const SYNTHETIC = new Set(['(program)', '(garbage collector)', '(idle)', '(root)']);

/**
 * The functions that spent the most self time (time on top of the stack) in a profile,
 * merged by name and location; idle time is left out of the total.
 */
export function topSelfTime(profile: CpuProfile, repoRoot: string, count = 5): HotFunction[] {
  const { totals, total } = selfTimeBy(profile, (frame) => {
    const file = frame.url.startsWith('file://') ? relative(repoRoot, new URL(frame.url).pathname) : frame.url;
    return SYNTHETIC.has(frame.functionName) || !file ? frame.functionName || '(anonymous)' : `${frame.functionName || '(anonymous)'} (${file}:${frame.lineNumber + 1})`;
  });
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, micros]) => ({ frame, selfMs: Math.round(micros / 1000), sharePct: total > 0 ? Math.round((micros / total) * 1000) / 10 : 0 }));
}

/** Non-idle self time (µs) summed by a key of the frame on top of the stack, and the total. */
function selfTimeBy(profile: CpuProfile, keyOf: (frame: CpuProfile['nodes'][number]['callFrame']) => string): { totals: Map<string, number>; total: number } {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    const frame = byNode.get(nodeId);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!frame || frame.functionName === '(idle)') return;
    total += delta;
    const key = keyOf(frame);
    totals.set(key, (totals.get(key) ?? 0) + delta);
  });
  return { totals, total };
}

/** The newest profile in `dir` (one process wrote it on exit), or undefined if none; read once, used for every figure. */
export function readNewestProfile(dir: string): CpuProfile | undefined {
  const newest = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort().at(-1);
  return newest ? (JSON.parse(readFileSync(join(dir, newest), 'utf8')) as CpuProfile) : undefined;
}

/**
 * Share (percent) of a profile's non-idle sampled time spent inside a function — its own time and
 * everything it called — e.g. the sentiment app's ScoringService.score, to set the scoring's CPU
 * apart from the bus and GC around it. An async function counts from each of its resumptions.
 */
export function inclusiveSharePct(profile: CpuProfile, functionName: string, urlPart: string): number {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const inside = new Map<number, boolean>();
  const isInside = (id: number): boolean => {
    const known = inside.get(id);
    if (known !== undefined) return known;
    const frame = byId.get(id);
    const up = parent.get(id);
    const result = (frame !== undefined && frame.functionName === functionName && frame.url.includes(urlPart)) || (up !== undefined && isInside(up));
    inside.set(id, result);
    return result;
  };
  let total = 0;
  let within = 0;
  profile.samples.forEach((nodeId, i) => {
    const frame = byId.get(nodeId);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!frame || frame.functionName === '(idle)') return;
    total += delta;
    if (isInside(nodeId)) within += delta;
  });
  return total > 0 ? Math.round((within / total) * 1000) / 10 : 0;
}

/** Where a sample's self time belongs, by the code on top of the stack: coarse enough to say which layer costs what. */
const COMPONENTS: [string, (frame: { functionName: string; url: string }) => boolean][] = [
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['Kafka client (kafkajs)', (f) => f.url.includes('/node_modules/kafkajs/')],
  ['schema checks (zod)', (f) => f.url.includes('/node_modules/zod/')],
  ['bus codec (packages/bus)', (f) => f.url.includes('/packages/bus/')],
  ['model (onnxruntime, transformers.js)', (f) => f.url.includes('/onnxruntime') || f.url.includes('/@xenova/')],
  ['PostgreSQL client (pg)', (f) => f.url.includes('/node_modules/pg') || f.url.includes('/node_modules/postgres-')],
  ['HTTP, GraphQL and Nest', (f) => /\/node_modules\/(@nestjs|express|graphql|@apollo|ws|graphql-ws|body-parser|raw-body|router|finalhandler)\//u.test(f.url)],
  ['Node.js runtime (sockets, buffers, streams)', (f) => f.url.startsWith('node:')],
  ['Pulse app and packages', (f) => f.url.includes('/apps/') || f.url.includes('/packages/')],
  ['other dependencies', (f) => f.url.includes('/node_modules/')],
];

/** Self time per component (percent of non-idle time); what matches none ("(program)", native code) is "V8 and native". */
export function selfTimeByComponent(profile: CpuProfile): Record<string, number> {
  const { totals, total } = selfTimeBy(profile, (frame) => COMPONENTS.find(([, test]) => test(frame))?.[0] ?? 'V8 and native');
  return Object.fromEntries(
    [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([name, micros]) => [name, total > 0 ? Math.round((micros / total) * 1000) / 10 : 0]),
  );
}
