import { parseArgs } from 'node:util';
import { parseLabelMap } from '../model/label-map.js';
import { BUNDLED_MODEL_DIR, type ModelLoadLogger, TransformersSentimentModel } from '../model/transformers-sentiment.model.js';
import { runClassify } from './classify.command.js';

const USAGE = `pulse-sentiment: Pulse's sentiment model on the command line.

Usage:
  pulse-sentiment classify [--model <dir|hf id>] [--batch <n>] [--label-map <map>] [--quiet] < in.jsonl > out.jsonl

classify reads JSONL records {"id": ..., "text": "..."} from stdin and writes, in the same order,
{"id", "label", "score", "scores": {"negative", "neutral", "positive"}} to stdout. A line that is
not a usable record yields {"id", "line", "error"} instead. Optional "target" (the brand's terms)
and "others" (other brands' terms) give the tone toward that brand with a targeted model.
Optional "targets" — brand names, {"query": "<query language>"} or {"terms": [...]}, each with an
optional "id" — adds "byTarget": per target {"target", "label", "score", "rule", "reason",
"evidence"?, "matched"? (queries)}, decided by the sentiment stage's per-topic rules (rules table:
apps/sentiment/README.md). "language" (e.g. "ru") skips language detection for such lines.

  --model      local model directory or Hugging Face id (default: $SENTIMENT_MODEL, else the
               bundled model)
  --batch      records per model call (default 512)
  --label-map  e.g. "LABEL_0=negative,LABEL_1=neutral,LABEL_2=positive" for unnamed labels
  --cache-dir  where hub models are cached (default: $SENTIMENT_MODEL_CACHE_DIR or .pulse/models)
  --quiet      no progress on stderr
`;

function stderrLogger(quiet: boolean): ModelLoadLogger {
  return {
    info(fields, message) {
      if (!quiet) process.stderr.write(`pulse-sentiment: ${message} ${JSON.stringify(fields)}\n`);
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      batch: { type: 'string' },
      'label-map': { type: 'string' },
      'cache-dir': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (positionals[0] !== 'classify' || positionals.length > 1) {
    process.stderr.write(`pulse-sentiment: unknown command ${JSON.stringify(positionals.join(' '))}\n\n${USAGE}`);
    return 2;
  }
  const batchSize = Number(values.batch ?? 512);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch expects a positive integer, got ${JSON.stringify(values.batch)}`);
  const quiet = values.quiet ?? false;
  const logger = stderrLogger(quiet);
  const started = Date.now();
  const model = await TransformersSentimentModel.load({
    model: values.model ?? process.env['SENTIMENT_MODEL'] ?? BUNDLED_MODEL_DIR,
    cacheDir: values['cache-dir'] ?? process.env['SENTIMENT_MODEL_CACHE_DIR'] ?? '.pulse/models',
    labelOverrides: parseLabelMap(values['label-map'] ?? process.env['SENTIMENT_LABEL_MAP'] ?? ''),
    maxBatch: 256,
    logger,
  });
  const t0 = Date.now();
  const stats = await runClassify(process.stdin, process.stdout, model, { batchSize });
  const seconds = (Date.now() - t0) / 1000;
  logger.info(
    { ...stats, seconds: +seconds.toFixed(2), textsPerSecond: Math.round(stats.classified / Math.max(seconds, 1e-3)), loadSeconds: (t0 - started) / 1000 },
    'done',
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pulse-sentiment: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
