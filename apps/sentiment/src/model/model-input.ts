import { normalizeSocialText } from '@pulse/text';

/** config.json `pulse.input_normalization` of models trained on normalizeSocialText output. */
export const SOCIAL_NORMALIZATION = 'pulse-social-v1';

/**
 * Texts are cut before tokenizing: the model reads at most 256 ids anyway, and tokenizing a
 * 20,000-character post only to throw most of it away is what would make a batch slow.
 */
export const MAX_INPUT_CHARS = 1000;

export function truncateInput(text: string): string {
  return text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text;
}

/** What a Pulse-trained model reads for a raw text: the trainer and the app share this function. */
export function prepareSocialInput(text: string): string {
  return normalizeSocialText(truncateInput(text));
}
