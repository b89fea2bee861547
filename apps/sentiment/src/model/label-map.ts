import type { SentimentLabel } from '@pulse/contracts';

const SYNONYMS: Record<string, SentimentLabel> = {
  negative: 'negative',
  neg: 'negative',
  bad: 'negative',
  neutral: 'neutral',
  neu: 'neutral',
  positive: 'positive',
  pos: 'positive',
  good: 'positive',
};

/**
 * Maps a model's label names onto Pulse's three tones. Models disagree on label order,
 * so mapping is by name, never by index; a model whose labels cannot be mapped is
 * refused at start rather than producing confident nonsense.
 */
export function mapModelLabels(id2label: Record<string, string>, overrides: Record<string, SentimentLabel> = {}): Map<string, SentimentLabel> {
  const mapping = new Map<string, SentimentLabel>();
  const unknown: string[] = [];
  for (const name of Object.values(id2label)) {
    const label = overrides[name] ?? SYNONYMS[name.trim().toLowerCase()];
    if (label) mapping.set(name, label);
    else unknown.push(name);
  }
  if (unknown.length > 0) {
    throw new Error(
      `model labels ${unknown.map((u) => `"${u}"`).join(', ')} cannot be mapped to negative/neutral/positive; ` +
        'set SENTIMENT_LABEL_MAP, e.g. "LABEL_0=negative,LABEL_1=neutral,LABEL_2=positive"',
    );
  }
  const covered = new Set(mapping.values());
  if (!covered.has('negative') || !covered.has('positive')) {
    throw new Error(`model labels ${Object.values(id2label).join(', ')} must include a negative and a positive label`);
  }
  return mapping;
}

export function parseLabelMap(value: string): Record<string, SentimentLabel> {
  const out: Record<string, SentimentLabel> = {};
  for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, label] = pair.split('=').map((s) => s.trim());
    if (!name || (label !== 'negative' && label !== 'neutral' && label !== 'positive')) {
      throw new Error(`SENTIMENT_LABEL_MAP entry "${pair}" must be <model label>=negative|neutral|positive`);
    }
    out[name] = label;
  }
  return out;
}
