import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DevReport } from './evaluation.js';
import type { BenchSummary } from './throughput.js';

export interface ModelCardFacts {
  name: string;
  trainedAt: string;
  seed: number;
  epochs: number;
  /** Per member; the shipped table is ensemble * dim wide. */
  dim: number;
  hidden: number;
  /** Models averaged (folded into one wider model); 1 for a single model. */
  ensemble: number;
  vocabSize: number;
  buckets: number;
  includeEtalon: boolean;
  quick: boolean;
  splits: { source: string; train: number; dev: number }[];
  reports: DevReport[];
  agreement: number;
  /** npm run bench:sentiment's --json figures for the written model, run by the trainer; undefined if it failed. */
  bench: BenchSummary | undefined;
  examples: { text: string; target: string; label: string; score: number }[];
  trainSeconds: number;
  totalSeconds: number;
  unkRate: number;
  modelBytes: number;
  optimizer: string;
  command: string;
  /** The linear branch mixed into the output, with each part's dev figures for comparison. */
  linear?: {
    weight: number;
    epochs: number;
    lr: number;
    buckets: number;
    minGram: number;
    maxGram: number;
    networkReports: DevReport[];
    linearReports: DevReport[];
  };
}

/**
 * A TF-IDF word (1-2) + character (2-5, within words) n-gram logistic regression (scikit-learn
 * 1.2, C=2, the same per-source class weights), trained on these same training splits and scored
 * on these same dev splits once by hand; the issue quotes its figures on the hidden test sets.
 */
const LINEAR_REFERENCE: Record<string, number> = {
  'sentirueval-banks': 0.752,
  'sentirueval-telecoms': 0.693,
  rusentitweet: 0.676,
  tweeteval: 0.67,
};

const SOURCES: Record<string, string> = {
  'sentirueval-banks': 'SentiRuEval-2015 subtask 2, banks (train.xml{E}), tweets whose labelled companies agree; Loukachevitch & Rubtsova. No licence stated in the origin repository (searayeah/russian-sentiment-emotion-datasets); "please cite". Tweets fall under the platform terms.',
  'sentirueval-banks/targeted': 'The same tweets, once per labelled (tweet, company) pair with the company marked [BRAND] and the other labelled companies [OTHER].',
  'sentirueval-telecoms': 'SentiRuEval-2015 subtask 2, telecoms (train.xml{E}); as above.',
  'sentirueval-telecoms/targeted': 'Per (tweet, company) pair, marked, as above.',
  rusentitweet: 'RuSentiTweet (Smetanin, PeerJ CS 2022), github sismetanin/rusentitweet, rusentitweet_train.csv; skip/speech rows dropped. No licence stated; platform terms apply.',
  rusentne: 'RuSentNE-2023 (dialogue-evaluation/RuSentNE-evaluation, MIT), train_data.csv + validation_data_labeled.csv: sentences whose entities agree.',
  'rusentne/targeted': 'RuSentNE-2023 per (sentence, entity) row, the entity span replaced by [BRAND].',
  tweeteval: 'TweetEval sentiment (cardiffnlp/tweeteval): train texts reconstructed from the SemEval 2013-2016 gold files, official val used as dev. "Released without any restrictions"; SemEval CC BY 3.0 and platform terms apply.',
  semeval2016: 'SemEval-2016 Task 4A devtest (twitter-2016devtest-A.txt, via FireBrother/assignment). CC BY 3.0 + platform terms.',
  umsab: 'UMSAB (cardiffnlp/xlm-t), val split only, for dev figures; not trained on.',
};

const f3 = (x: number): string => x.toFixed(3);

export function renderModelCard(f: ModelCardFacts): string {
  const etalon = f.includeEtalon ? ' and test_etalon.xml' : '';
  const rows = f.reports
    .map((r) => `| ${r.name} | ${r.n} | ${r.pairs} | ${r.metric} | **${f3(r.score)}** | ${f3(r.accuracy)} | ${f3(r.macroF1_3class)} |`)
    .join('\n');
  const data = f.splits.map((s) => `| ${s.source} | ${s.train} | ${s.dev} | ${(SOURCES[s.source] ?? '').replace('{E}', etalon)} |`).join('\n');
  const orderLimits =
    f.buckets > 0
      ? '- Bag of word pieces and adjacent pairs: negation right before a word ("не работает") is seen,\n  longer-range structure, contrast and sarcasm are not.'
      : '- Bag of word pieces: no word order, so negation ("не плохо"), contrast and sarcasm are missed.\n' +
        '  Hashed word-piece bigrams are implemented (`--buckets`, computed inside the ONNX graph) but with\n' +
        '  20k-100k buckets they overfit and lowered every dev figure in our runs (RuSentiTweet 0.57-0.58,\n' +
        '  TweetEval 0.61-0.64), so this model is trained without them.';
  const brandLimits =
    f.buckets > 0
      ? 'bigrams next to the markers help with comparisons, which are still often scored alike'
      : 'without word order, both sides of a comparison ("[BRAND] лучше, чем [OTHER]") are usually scored alike';
  const branchRows = f.linear
    ? f.reports
        .map((r, i) => {
          const ref = LINEAR_REFERENCE[r.name];
          return `| ${r.name} | ${f3(f.linear?.networkReports[i]?.score ?? NaN)} | ${f3(f.linear?.linearReports[i]?.score ?? NaN)} | **${f3(r.score)}** | ${ref === undefined ? '' : f3(ref)} |`;
        })
        .join('\n')
    : '';
  const examples = f.examples.map((e) => `| ${e.text} | ${e.target || '(overall)'} | ${e.label} | ${f3(e.score)} |`).join('\n');
  return `# ${f.name}

Pulse's bundled sentiment model: a small fastText-style classifier of Russian (first) and English
social-media text into **negative / neutral / positive** (ids 0/1/2), overall or **toward one
brand**. It runs offline through \`@xenova/transformers\` 2.17.2 (${(f.modelBytes / 1e6).toFixed(2)} MB without this card).
${f.quick ? '\n> **This directory was produced by a `--quick` smoke run and is not the real model.**\n' : ''}
## Use

The model reads text normalized by \`normalizeSocialText\` from \`@pulse/text\` (declared in
config.json as \`pulse.input_normalization: "pulse-social-v1"\`); Pulse's sentiment app and the
\`pulse-sentiment\` CLI apply it. Outside Pulse, normalize first:

\`\`\`ts
import { env, pipeline } from '@xenova/transformers';
import { normalizeSocialText } from '@pulse/text';
env.allowRemoteModels = false;
env.localModelPath = '<path to apps/sentiment/models>/';
const classify = await pipeline('text-classification', '${f.name}', { quantized: true });
await classify([normalizeSocialText('МТС, третий день нет интернета, ужас')]); // [{ label: 'negative', score: … }]
\`\`\`

**Tone toward a brand** (\`pulse.targeted: true\`): replace the brand's mentions by \`[BRAND]\` and
other brands' by \`[OTHER]\` before normalizing, e.g. "[OTHER] лучше, чем [BRAND]"
(\`markTargetBrand\` in apps/sentiment/src/targeting). Pulse does this for every topic of a
mention that matches several tracked topics, using the terms that matched each topic.

## Model

- Normalization (TypeScript, before the tokenizer): links → \`[URL]\`, @handles → \`[USER]\`,
  emoticons and laughter → \`[SMILE]\` \`[LAUGH]\` \`[SAD]\` \`[LOVE]\` \`[WINK]\` (Russian ")))" and
  "((" included), emoji kept as tokens (repeats collapsed, skin tones dropped), hashtags split into
  words (#ЛучшийБанк → лучший банк), elongations shortened (ооочень → очень, soooo → soo),
  ё → е, lowercase. tokenizer.json only lowercases; placeholders are added tokens.
- Tokenizer: BERT-style WordPiece (\`tokenizer.json\`), ${f.vocabSize} entries learned from the
  training texts (placeholders, every character seen, frequent whole words, frequent word starts
  and \`##\` endings); [PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3; max 256 ids. [UNK] rate: ${(100 * f.unkRate).toFixed(2)}%.
- Graph (\`onnx/model_quantized.onnx\`, opset 13): one int8 embedding table (${f.ensemble * f.dim} dims, one
  scale per row) of ${f.vocabSize} word pieces${f.buckets > 0 ? ` followed by ${f.buckets} hashed word-piece **bigram** buckets; the graph computes each adjacent pair's row as ${f.vocabSize} + (left·1000003 + right) mod ${f.buckets} with Slice/Mul/Add/Mod on input_ids` : ''}
  → Gather of the rows the batch reads, dequantized there (Cast, × row scale) → mean over the
  features whose tokens are unmasked${f.buckets > 0 ? ' (a bigram needs both)' : ''}, one batched MatMul → ${f.hidden > 0 ? `MatMul+Add+ReLU (${f.ensemble * f.hidden}) → ` : ''}MatMul+Add →
  \`logits\` [batch, 3]. Inputs \`input_ids\`, \`attention_mask\` (int64); \`config.json\` declares
  \`model_type: "bert"\` so transformers.js uses BertForSequenceClassification and feeds only the
  inputs the graph declares.${
    f.linear
      ? `
- **Linear branch** (\`tools/sentiment-training/src/linear.trainer.ts\`): a TF-IDF logistic regression over word pieces, the
  character ${f.linear.minGram}-${f.linear.maxGram}-grams inside each piece and ${f.linear.buckets} hashed word-piece bigram buckets, trained
  ${f.linear.epochs} epochs (lazy Adam, lr ${f.linear.lr}, same class weights). Character n-grams are a training-time
  parametrization: a piece's weight is its own plus its n-grams' (so "##нета" shares evidence with every
  piece containing "нет"), folded into one float16 row per piece when written. The graph gathers the rows of
  the ids and bigrams, sums them and divides by the square root of their summed squared TF-IDF norms
  (a float16 column per row), then outputs log(${+(1 - f.linear.weight).toFixed(3)}·softmax(network) + ${f.linear.weight}·softmax(linear)), so
  transformers.js' softmax yields the mixed probabilities. Why: on our dev splits a plain word + character
  n-gram logistic regression beat the network alone on every Russian set; the network and the linear
  branch make different mistakes and their mixture beats either part (tables below).`
      : ''
  }${
    f.ensemble > 1
      ? `
- **Ensemble of ${f.ensemble}**: ${f.ensemble} models (${f.dim}-dim embeddings, ${f.hidden > 0 ? `ReLU(${f.hidden})` : 'no hidden layer'}), trained alike with seeds
  ${f.seed}..${f.seed + f.ensemble - 1}, folded into the one graph above: their embeddings side by side, a block-diagonal
  hidden layer and an output layer that averages their logits (\`tools/sentiment-training/src/ensemble.ts\`).`
      : ''
  }
- Training: TypeScript (tools/sentiment-training), softmax cross-entropy, Adam (lazy for
  embedding rows), linear warm-up/decay, ${f.optimizer}, ${f.epochs} epochs, seed ${f.seed}.
  Trained ${f.trainedAt} in ${f.trainSeconds.toFixed(0)} s (whole run incl. loading, tokenizing and
  verification ${f.totalSeconds.toFixed(0)} s) on a shared 2-core machine.

## Training data and terms

Duplicated texts are removed per dataset before a seeded 10% dev split is carved from each, by
tweet or sentence, so the marked copies of a dev tweet never reach training (TweetEval: its
official val split is the dev set).

| source | train | dev | origin and terms |
|---|---|---|---|
${data}

${f.includeEtalon ? 'SentiRuEval-2015 **test_etalon.xml files are used for training** (the official hidden test is the separate SentiRuEval-2016 test set, which is never read here).' : 'SentiRuEval-2015 test_etalon.xml files are not used.'}
Not used for training: xlm-t-umsab (no Russian; its English part overlaps TweetEval val) and
airline (CC BY-NC-SA 4.0; left out so the model's terms stay simple). SentiRuEval \`--\`
(irrelevant) and \`+-\` (mixed) pairs are not trained on or scored; a tweet with a \`+-\` pair or
disagreeing companies gets no overall sample but keeps its per-company ones. Company names are
found with the lexicon in \`tools/sentiment-training/src/sentirueval-lexicon.ts\` (inflected forms match).

## Dev figures

Protocols from the datasets README; scores of the int8 model exactly as shipped, computed by the
trainer's TypeScript forward pass (the app's pipeline agrees on ${(100 * f.agreement).toFixed(2)}% of dev inputs).
\`n\` = model inputs, \`pairs\` = gold labels scored.

| dev set | n | pairs | protocol | score | accuracy | macro-F1 (3 cl.) |
|---|---|---|---|---|---|---|
${rows}

- **sentirueval-\\***: the official per-(tweet, company) protocol over *all* dev tweets (companies
  that disagree included), each pair scored with the tweet's single overall prediction (what
  \`pulse-sentiment classify\` gives for the bare text). **/targeted**: each pair scored on its own
  input with the company marked (what per-topic scoring in the app gives). Published 2016 *test*
  figures for reference (telecom / banks): baseline 0.315 / 0.189, best 2016 system 0.559 / 0.552.
- **rusentne/targeted** is entity-level tone in news sentences (macro-F1 over pos/neg).
- **umsab** is 8 non-Russian languages the model is not built for; it is here as a floor.
- Dev sets of a few hundred inputs are noisy: single models trained with the same options but
  another seed differ by a few hundredths (in our runs RuSentiTweet 0.62-0.65, banks 0.71-0.74)${f.ensemble > 1 ? '; averaging several models evens that out and gained a little on most sets' : ''}.
${
  f.linear
    ? `
Each part alone and the shipped mixture (score with each set's protocol). The last column is a
TF-IDF word (1-2) + character (2-5) n-gram logistic regression (scikit-learn, C=2, same class
weights) trained and scored once on these same splits: the "linear bag of n-grams" the issue calls the
floor, which on the hidden tests is quoted at about 0.56 / 0.55 / 0.68 / 0.61 (telecom / banks /
RuSentiTweet / TweetEval): 0.13 (telecom) and 0.20 (banks) below its dev figures on SentiRuEval,
whose 2016 test tweets come from a later period, about equal on RuSentiTweet and 0.06 lower on
TweetEval. Expect shifts of that size for this model too: its SentiRuEval dev figures overstate
what the hidden 2016 test will show. On this random split that reference still scores above the
shipped model on SentiRuEval and RuSentiTweet (it reads whole words and word pairs, which the
model sees only as word pieces and hashed piece pairs); on the time split below the two are level.

| dev set | network | linear | **shipped mixture** | word+char LR (reference) |
|---|---|---|---|---|
${branchRows}
`
    : ''
}
**Time split** (\`--sentirueval-dev etalon\`: SentiRuEval trained on train.xml only and scored on all of
test_etalon.xml, 4155 bank and 3661 telecom tweets from a later period; run by hand on 2026-11-22 with
the options of this model). The same TF-IDF word + character logistic regression scores 0.533 (banks) /
0.534 (telecom) there, close to its quoted 0.55 / 0.56 on the hidden 2016 test, so this split is the
better predictor of that test than the random one:

| time split, macro-F1(pos,neg) | network | linear | mixture 0.5 | **mixture 0.7** | word+char LR |
|---|---|---|---|---|---|
| sentirueval-banks | 0.523 | 0.535 | 0.544 | **0.547** | 0.533 |
| sentirueval-telecoms | 0.493 | 0.536 | 0.519 | **0.535** | 0.534 |

It chose the linear share (0.7 beat 0.3 and 0.5 on every Russian set there) and it says plainly
where this model stands: level with a linear bag of n-grams on later SentiRuEval tweets, well below
the 0.66 / 0.64 targets, which published results reach only with pretrained transformers
(Conversational RuBERT 0.691 telecom). Its errors there are mostly neutral tweets scored as
negative or positive (telecom, mixture 0.5: 480 and 426 of 2,679 neutral pairs).

- These are dev figures on our own splits, not the hidden test sets; the dev sets were also used to
  choose options (epochs, buckets, dropout, ensemble size) over a few dozen runs, so they flatter a little.

${
  f.bench === undefined
    ? 'Throughput: not measured in this training run (skipped or failed); run `npm run bench:sentiment`.'
    : `Throughput (\`npm run bench:sentiment\`, run by the trainer on this model: 20000 RuSentiTweet + TweetEval
val texts, best of 3, shared 2-core machine): **${f.bench.batchedPerSec} texts/s** batched through the app's model class
(batches of 256: normalization, tokenizer, model, output), ${f.bench.cliProcessPerSec ?? f.bench.cliPerSec ?? '?'} texts/s through the \`pulse-sentiment classify\` command
(its own process, file to file, after model load${f.bench.cliWallPerSec ? `; ${f.bench.cliWallPerSec} texts/s from spawn to exit` : ''}),
${f.bench.naivePerSec ?? '?'} texts/s one text per call. Figures vary from run to run on this shared machine.`
}

| example | toward | label | score |
|---|---|---|---|
${examples}

## Intended use

Coarse tone of short brand mentions (tweets, posts, comments) in Russian and English for
dashboards and alerting in Pulse, where aggregate trends matter more than any single prediction.
Not for decisions about individual people, and not for languages other than Russian/English
(route those elsewhere with \`SENTIMENT_MODELS\`).

## Limitations

${orderLimits}
- Per-brand tone comes from the [BRAND]/[OTHER] marker tokens and the training pairs (SentiRuEval
  banks and telecoms, RuSentNE news); ${brandLimits}.
- Trained on 2013–2022 tweets and news sentences; slang drift and new brands reduce accuracy.
- Neutral is the majority in most data; confidence scores are not calibrated.

## How to retrain

\`\`\`sh
npm ci && npm run build
npm run train:sentiment -- --data ../shared/datasets --out apps/sentiment/models/${f.name}
npm run eval:sentiment -- --data ../shared/datasets      # dev figures through the app, report with confusion matrices
npm run bench:sentiment                                    # throughput
\`\`\`

Run here: \`${f.command}\`. Options: \`--help\`. A run with the same data, options and seed gives
the same model.
`;
}

export function writeModelCard(dir: string, facts: ModelCardFacts): void {
  writeFileSync(join(dir, 'MODEL_CARD.md'), renderModelCard(facts));
}
