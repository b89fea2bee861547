import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceReport } from './evaluation.js';
import { REPLACE_RULES } from './tokenizer-spec.js';

export interface ModelCardFacts {
  trainedAt: string;
  seed: number;
  epochs: number;
  dim: number;
  hidden: number;
  vocabSize: number;
  includeEtalon: boolean;
  quick: boolean;
  splits: { source: string; train: number; dev: number }[];
  reports: SourceReport[];
  agreement: number;
  throughput: number;
  examples: { text: string; label: string; score: number }[];
  trainSeconds: number;
  totalSeconds: number;
  unkRate: number;
  optimizer: string;
  command: string;
}

const SOURCES: Record<string, string> = {
  'sentirueval-banks': 'SentiRuEval-2015 subtask 2, banks (train.xml{E}); Loukachevitch & Rubtsova. No licence stated in the origin repository (searayeah/russian-sentiment-emotion-datasets); "please cite". Tweets fall under the platform terms.',
  'sentirueval-telecoms': 'SentiRuEval-2015 subtask 2, telecoms (train.xml{E}); as above.',
  rusentitweet: 'RuSentiTweet (Smetanin, PeerJ CS 2022), github sismetanin/rusentitweet, rusentitweet_train.csv; skip/speech rows dropped. No licence stated; platform terms apply.',
  rusentne: 'RuSentNE-2023 (dialogue-evaluation/RuSentNE-evaluation, MIT), train_data.csv + validation_data_labeled.csv, used as sentence-level samples.',
  tweeteval: 'TweetEval sentiment (cardiffnlp/tweeteval): train texts reconstructed from the SemEval 2013-2016 gold files, official val used as dev. "Released without any restrictions"; SemEval CC BY 3.0 and platform terms apply.',
  semeval2016: 'SemEval-2016 Task 4A devtest (twitter-2016devtest-A.txt, via FireBrother/assignment). CC BY 3.0 + platform terms.',
};

const f3 = (x: number): string => x.toFixed(3);

export function renderModelCard(f: ModelCardFacts): string {
  const etalon = f.includeEtalon ? ' and test_etalon.xml' : '';
  const rows = f.reports
    .map((r) => `| ${r.source} | ${r.n} | ${r.metric} | **${f3(r.score)}** | ${f3(r.baseline)} | ${f3(r.extra['accuracy'] ?? 0)} | ${f3(r.extra['macroF1_3class'] ?? 0)} |`)
    .join('\n');
  const data = f.splits.map((s) => `| ${s.source} | ${s.train} | ${s.dev} | ${(SOURCES[s.source] ?? '').replace('{E}', etalon)} |`).join('\n');
  const examples = f.examples.map((e) => `| ${e.text} | ${e.label} | ${f3(e.score)} |`).join('\n');
  const rules = REPLACE_RULES.map((r) => `- \`${r.regex ?? r.string}\` → \`${r.content}\`: ${r.why}`).join('\n');
  return `# pulse-sentiment-v1

Pulse's first bundled sentiment model: a small fastText-style classifier of Russian (first) and
English social-media text into **negative / neutral / positive** (ids 0/1/2). It runs offline
through \`@xenova/transformers\` 2.17.2:

\`\`\`ts
import { env, pipeline } from '@xenova/transformers';
env.allowRemoteModels = false;
env.localModelPath = '<path to apps/sentiment/models>/';
const classify = await pipeline('text-classification', 'pulse-sentiment-v1', { quantized: true });
await classify(['МТС, третий день нет интернета, ужас']); // [{ label: 'negative', score: … }]
\`\`\`
${f.quick ? '\n> **This directory was produced by a `--quick` smoke run and is not the real v1 model.**\n' : ''}
## Model

- Tokenizer: BERT-style WordPiece (\`tokenizer.json\`), ${f.vocabSize} entries learned from the
  training texts (frequent whole words, frequent word starts and \`##\` endings, every character
  seen); [PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3; max 256 ids. [UNK] rate on the data: ${(100 * f.unkRate).toFixed(2)}%.
- Normalization, inside \`tokenizer.json\` so every consumer applies it: BertNormalizer (clean
  text, lowercase, accents kept so й stays й), then:
${rules}
- Graph (\`onnx/model_quantized.onnx\`, opset 13): int8 embedding (${f.dim} dims, one scale per
  row, DequantizeLinear) → Gather(input_ids) → mean over tokens where attention_mask = 1 (CLS and
  SEP included) → ${f.hidden > 0 ? `MatMul+Add+ReLU (${f.hidden}) → ` : ''}MatMul+Add → \`logits\` [batch, 3].
  Inputs \`input_ids\`, \`attention_mask\` (int64); \`config.json\` declares \`model_type: "bert"\`
  so transformers.js uses BertForSequenceClassification, which feeds only the inputs the graph
  declares (the tokenizer's token_type_ids are not passed).
- Training: TypeScript (apps/sentiment/src/training), softmax cross-entropy, Adam (lazy for
  embedding rows), linear warm-up/decay, ${f.optimizer}, ${f.epochs} epochs, seed ${f.seed}. Trained ${f.trainedAt} in ${f.trainSeconds.toFixed(0)} s
  (whole run incl. loading, tokenizing and verification ${f.totalSeconds.toFixed(0)} s) on 2 CPU cores.

## Training data and terms

Duplicated texts are removed per dataset before a seeded 10% dev split is carved from each (TweetEval: its official val split is the dev set).

| source | train | dev | origin and terms |
|---|---|---|---|
${data}

${f.includeEtalon ? 'SentiRuEval-2015 **test_etalon.xml files are used for training** (the official hidden test is the separate SentiRuEval-2016 test set, which is never read here).' : 'SentiRuEval-2015 test_etalon.xml files are not used.'}
Not used: xlm-t-umsab (no language column, so English cannot be told apart; its English part
overlaps TweetEval val) and airline (CC BY-NC-SA 4.0; left out so the model's terms stay simple).
SentiRuEval labels are per company; a tweet is used when all labelled companies agree (\`--\`,
irrelevant, ignored; \`+-\`, mixed, drops the tweet). RuSentNE labels are per entity; a sentence
is used when all its entities agree.

## Dev figures

Protocols from the datasets README. Scores are of the int8 model exactly as shipped.

| dev set | n | protocol | model | majority baseline | accuracy | macro-F1 (3 cl.) |
|---|---|---|---|---|---|---|
${rows}

- SentiRuEval: the model predicts one tone per tweet; it is scored against every (tweet, company)
  label of the dev tweets, but only tweets whose companies agree are in dev, so this approximates
  the official per-pair protocol (tweets with conflicting per-company labels are easier to get
  wrong and are missing here). Published 2016 *test* figures for reference: baseline 0.315/0.189,
  best 2016 system 0.559/0.552 (telecom/banks).
- RuSentNE figures are sentence-level tone, not the official entity-level task.
- These are dev figures on our own splits, not the hidden test sets. The same dev sets were used to
  pick the epoch count and dropout from a handful of runs, and only exact duplicates (after
  normalization) were removed before splitting, so near-duplicate retweets may inflate the figures slightly.

transformers.js pipeline vs the TypeScript forward pass: ${(100 * f.agreement).toFixed(2)}% argmax
agreement on all dev texts; throughput ${f.throughput.toFixed(0)} texts/s (batches of 64, 2-core machine).

| example | label | score |
|---|---|---|
${examples}

## Intended use

Coarse tone of short brand mentions (tweets, posts, comments) in Russian and English for
dashboards and alerting in Pulse, where aggregate trends matter more than any single prediction.
Not for decisions about individual people, and not for languages other than Russian/English.

## Limitations

- Bag of word pieces: no word order, so negation ("не плохо"), contrast and sarcasm are missed.
- Overall tone of the text, not per brand: a tweet praising one bank and scolding another gets a
  single label.
- Trained on 2013–2022 tweets and news sentences; slang drift and new brands reduce accuracy.
- Neutral is the majority in most data; confidence scores are not calibrated.

## How to retrain

\`\`\`sh
cd apps/sentiment && npx tsc -p tsconfig.build.json
npm run train --workspace @pulse/sentiment -- --data <datasets dir> --out models/pulse-sentiment-v1
\`\`\`

Run here: \`${f.command}\`. Options: \`--help\`. A run with the same data, options and seed gives
the same model.
`;
}

export function writeModelCard(dir: string, facts: ModelCardFacts): void {
  writeFileSync(join(dir, 'MODEL_CARD.md'), renderModelCard(facts));
}
