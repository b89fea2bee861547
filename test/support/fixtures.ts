/** Mentions written for the integration tests. */
export function webhookMention(sourceId: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: 'webhook',
    sourceId,
    url: `https://example.com/posts/${sourceId}`,
    text,
    author: { id: `author-${sourceId}`, handle: `user_${sourceId}`, name: 'Тестовый Автор', url: null, followers: 12 },
    publishedAt: new Date().toISOString(),
    ...extra,
  };
}

export const MENTION_FIELDS = `
  id source url text language topicIds publishedAt
  author { handle }
  sentiment { label score scores { negative neutral positive } byTopic { topicId label score } }
  model { id version }
`;

export function uniqueWord(prefix: string): string {
  // Letters only, so full-text search treats it as one word in both configurations.
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let suffix = '';
  for (let n = Date.now() + Math.floor(Math.random() * 1e6); n > 0; n = Math.floor(n / 26)) suffix += letters[n % 26];
  return `${prefix}${suffix}`;
}
