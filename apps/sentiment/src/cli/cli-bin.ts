import { fileURLToPath } from 'node:url';

/** The committed `pulse-sentiment` launcher, for tools that run the real command in its own process. */
export const PULSE_SENTIMENT_BIN = fileURLToPath(new URL('../../bin/pulse-sentiment.js', import.meta.url));
