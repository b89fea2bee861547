/**
 * The speed goals (issue 17) judged against one bench run. A goal that is not met names what
 * stops it and the figure that limit allows on this machine, computed from the same run's
 * measurements — so the verdict cannot drift from the numbers beside it.
 */
type Json = Record<string, unknown>;

export interface GoalVerdict {
  goal: string;
  measured: string;
  /** undefined: this run did not measure it (e.g. `--only=pipeline`). */
  met: boolean | undefined;
  /** For a goal not met: the stage and physical limit that stop it, with the number it allows. */
  limit?: string;
}

const at = (r: Json, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), r);
const num = (r: Json, path: string): number | undefined => {
  const v = at(r, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
const round = (n: number, digits = 0): number => Math.round(n * 10 ** digits) / 10 ** digits;

const APPS = ['collector', 'sentiment', 'gateway'] as const;

/** CPU seconds per 1,000 mentions of everything the run needs: the apps, the broker, the load generator. */
function cpuTotals(r: Json): { apps: number; all: number; byApp: Record<string, number> } | undefined {
  const per = at(r, 'pipeline.cpuSecondsPer1000') as Record<string, number> | undefined;
  if (!per) return undefined;
  const byApp = Object.fromEntries(APPS.map((a) => [a, per[a] ?? 0]));
  const apps = APPS.reduce((s, a) => s + (per[a] ?? 0), 0);
  const all = Object.values(per).reduce((s, v) => s + (Number.isFinite(v) ? v : 0), 0);
  return { apps, all, byApp };
}

function throughput(r: Json): GoalVerdict {
  const measured = num(r, 'pipeline.mentionsPerSec');
  const cores = num(r, 'machine.cores') ?? 1;
  const cpu = cpuTotals(r);
  if (measured === undefined || !cpu) return { goal: 'end to end ≥ 5,000 mentions/s', measured: 'n/a', met: undefined };
  const met = measured >= 5000;
  // Every process shares the cores, so the machine can carry at most cores / (CPU per mention).
  const ceiling = Math.floor((cores * 1000) / cpu.all);
  const heaviest = Object.entries(cpu.byApp).sort((a, b) => b[1] - a[1])[0]!;
  return {
    goal: 'end to end ≥ 5,000 mentions/s',
    measured: `${measured}/s`,
    met,
    ...(met
      ? {}
      : {
          limit: `CPU: all processes need ${round(cpu.all, 2)} CPU s per 1,000 mentions (apps ${round(cpu.apps, 2)}, heaviest ${heaviest[0]} ${heaviest[1]}), so ${cores} cores carry at most ${ceiling}/s; measured ${round((measured / ceiling) * 100)} % of that ceiling`,
        }),
  };
}

function latency(r: Json, rate: '200' | '1000'): GoalVerdict {
  const goal = `ingest → live feed at ${rate}/s: p50 < 50 ms, p99 < 250 ms`;
  const p50 = num(r, `pipeline.latencyMs.${rate}.p50`);
  const p99 = num(r, `pipeline.latencyMs.${rate}.p99`);
  if (p50 === undefined || p99 === undefined) return { goal, measured: 'n/a', met: undefined };
  const met = p50 < 50 && p99 < 250;
  const split = (at(r, `pipeline.latencyMs.${rate}.split`) ?? {}) as Record<string, { meanMs: number } | undefined>;
  const collect = num(r, `pipeline.latencyMs.${rate}.stagesMs.collect.p50`) ?? 0;
  // A mention's path to the feed of the replica that stores it, the parts in sequence. The rest of
  // the gateway's handler (announce, rule side effects) and the commits delay the partition's next
  // batch — that shows in its wait — and the stored topic's relay serves the other replicas.
  const PATH = [
    'collector quality marks (fingerprint log round trip)',
    'collector publish raw (until acknowledged)',
    'raw → sentiment (wait)',
    'sentiment handler (score, publish)',
    'scored → gateway (wait)',
    '  of which triage plan',
    '  of which store',
  ];
  const stages = [['ingest → collected', collect] as const, ...PATH.filter((name) => split[name]).map((name) => [name.replace(/^\s+of which /u, 'gateway '), split[name]!.meanMs] as const)];
  const sum = stages.reduce((s, [, ms]) => s + ms, 0);
  const largest = [...stages].sort((a, b) => b[1] - a[1]).slice(0, 2);
  // At the lowest rate nothing queues: the sum of its stages is what the path itself costs.
  const floor = rate === '200' ? undefined : num(r, 'pipeline.latencyMs.200.p50');
  return {
    goal,
    measured: `p50 ${p50} / p99 ${p99} ms`,
    met,
    ...(met
      ? {}
      : {
          limit:
            `the path: ${stages.length} stages in sequence (three Kafka hops: fingerprint log, raw, scored; the scoring and the store) sum to ${round(sum)} ms ` +
            `(means; largest ${largest.map(([n, ms]) => `${n} ${round(ms, 1)}`).join(', ')})` +
            (floor !== undefined ? `; the same path at 200/s takes p50 ${floor} ms: at this rate ${round(p50 - floor)} ms more is waiting that grows with the rate (fuller batches, fetch rounds, handlers sharing the cores)` : ''),
        }),
  };
}

/** CPU seconds per 1,000 mentions by layer, all three apps together (each app's profile shares × its CPU). */
export function cpuByLayer(r: Json): [string, number][] {
  const parts = at(r, 'pipeline.cpuByComponent') as Record<string, Record<string, number> | undefined> | undefined;
  const per = at(r, 'pipeline.cpuSecondsPer1000') as Record<string, number> | undefined;
  if (!parts || !per) return [];
  const totals = new Map<string, number>();
  for (const app of APPS) for (const [layer, pct] of Object.entries(parts[app] ?? {})) totals.set(layer, (totals.get(layer) ?? 0) + (pct / 100) * (per[app] ?? 0));
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([layer, s]) => [layer, round(s, 3)]);
}

function cpuPerMention(r: Json): GoalVerdict {
  const cpu = cpuTotals(r);
  const goal = 'CPU s per 1,000 mentions, three apps together ≤ 0.3';
  if (!cpu) return { goal, measured: 'n/a', met: undefined };
  const met = cpu.apps <= 0.3;
  const scoring = num(r, 'pipeline.scoring.cpuSecondsPer1000');
  const sectionScoring = num(r, 'sentiment.cpuMsPer1000.scoring');
  const parts: string[] = [];
  if (scoring !== undefined) {
    parts.push(
      `scoring alone (the model over each brand's clauses, intent: ${num(r, 'pipeline.scoring.sharePctOfSentiment')} % of the sentiment app's profile) costs ${round(scoring, 3)} CPU s per 1,000 of the pipeline's mentions, ${round((scoring / 0.3) * 100)} % of the budget; ` +
        `the other ${round(cpu.apps - scoring, 3)} is the bus (encode, produce, fetch, decode + schema check at each hop: fingerprint log, raw, scored, stored), ingest, the store's client side and GC — see cpuProfileTop5`,
    );
  } else if (sectionScoring !== undefined) {
    parts.push(`the sentiment section's scoring path alone costs ${round(sectionScoring / 1000, 3)} s per 1,000 of its texts; the rest is the bus, ingest, the store's client side and GC — see cpuProfileTop5`);
  } else {
    parts.push('the bus, ingest, scoring, the store and GC — see cpuProfileTop5');
  }
  const layers = cpuByLayer(r);
  if (layers.length > 0) parts.push(`; by layer (self time, three apps): ${layers.slice(0, 6).map(([layer, sec]) => `${layer} ${sec}`).join(', ')}`);
  return {
    goal,
    measured: `${round(cpu.apps, 3)} (${APPS.map((a) => `${a} ${cpu.byApp[a]}`).join(', ')})`,
    met,
    ...(met ? {} : { limit: parts.join('') }),
  };
}

function memory(r: Json): GoalVerdict[] {
  return APPS.map((app) => {
    const peak = num(r, `memory.${app}.peakRssMb`);
    const goal = `${app} peak RSS < 300 MB`;
    if (peak === undefined) return { goal, measured: 'n/a', met: undefined };
    const phases = (at(r, 'memoryByPhase') ?? {}) as Record<string, Record<string, { peakRssMb: number; heapUsedMb: number }>>;
    const worst = Object.entries(phases).sort((a, b) => (b[1][app]?.peakRssMb ?? 0) - (a[1][app]?.peakRssMb ?? 0))[0];
    return {
      goal,
      measured: `${peak} MB`,
      met: peak < 300,
      ...(peak < 300 || !worst ? {} : { limit: `peaks in the ${worst[0]} phase (heap in use ${worst[1][app]?.heapUsedMb} MB at most)` }),
    };
  });
}

function sentimentBatching(r: Json): GoalVerdict {
  const ratio = num(r, 'sentiment.batchedToTokenizerFloor');
  const goal = 'sentiment batched ≥ 0.8 × tokenizer floor';
  if (ratio === undefined) return { goal, measured: 'n/a', met: undefined };
  return { goal, measured: `${ratio}`, met: ratio >= 0.8 };
}

function queries(r: Json): GoalVerdict[] {
  const verdicts: GoalVerdict[] = [];
  for (const [store, bound] of [['postgres', 100], ['pglite', 150]] as const) {
    const all = at(r, `queries.${store}.queries`) as Record<string, { p95Ms: number }> | undefined;
    if (!all) {
      verdicts.push({ goal: `${store}: every query p95 < ${bound} ms`, measured: 'n/a', met: undefined });
      continue;
    }
    const rows = num(r, `queries.${store}.mentions`);
    const slow = Object.entries(all).filter(([, q]) => q.p95Ms >= bound);
    const slowest = Object.entries(all).sort((a, b) => b[1].p95Ms - a[1].p95Ms)[0];
    verdicts.push({
      goal: `${store}${rows ? ` at ${rows.toLocaleString('en')} mentions` : ''}: every query p95 < ${bound} ms`,
      measured: slowest ? `slowest ${slowest[0]} ${slowest[1].p95Ms} ms` : 'n/a',
      met: slow.length === 0,
      ...(slow.length === 0 ? {} : { limit: `${slow.map(([n, q]) => `${n} ${q.p95Ms}`).join(', ')} ms — plans in queries.${store}.plans` }),
    });
  }
  return verdicts;
}

export function judgeGoals(results: Json): GoalVerdict[] {
  return [throughput(results), latency(results, '200'), latency(results, '1000'), cpuPerMention(results), ...memory(results), sentimentBatching(results), ...queries(results)];
}
