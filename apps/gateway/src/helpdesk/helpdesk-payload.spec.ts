import type { ScoredMention } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { checkPayloadTemplate, renderPayload } from './helpdesk-payload.js';

const mention = {
  id: 'm1',
  source: 'vk',
  text: 'Нет интернета "третий" день\nужас',
  url: 'https://vk.com/wall1_2',
  language: 'ru',
  publishedAt: '2026-11-21T10:00:00.000Z',
  author: { id: '1', handle: 'ivan', name: 'Иван', url: null },
  sentiment: { label: 'negative' },
  intent: { label: 'complaint', replyNeeded: true, confidence: 0.9, reasons: [] },
} as unknown as ScoredMention;

describe('helpdesk payload templates', () => {
  it('fills placeholders JSON-escaped so quotes and newlines stay inside the string', () => {
    const template = '{"summary": "{{author.name}}: {{mention.excerpt}}", "link": "{{mention.url}}", "tags": ["{{intent}}", "{{sentiment}}"], "rule": "{{ rule.name }}"}';
    expect(checkPayloadTemplate(template)).toEqual({ ok: true });
    const body = JSON.parse(renderPayload(template, { mention, topicNames: ['МТС'], rule: { id: 'r', name: 'Жалобы' }, suggestion: null }));
    expect(body).toEqual({
      summary: 'Иван: Нет интернета "третий" день\nужас',
      link: 'https://vk.com/wall1_2',
      tags: ['complaint', 'negative'],
      rule: 'Жалобы',
    });
  });

  it('rejects unknown placeholders with their position, and templates that are not JSON', () => {
    expect(checkPayloadTemplate('{"a": "{{mention.body}}"}')).toMatchObject({ ok: false, position: 7 });
    expect(checkPayloadTemplate('{"a": {{mention.text}}}')).toMatchObject({ ok: false, message: expect.stringMatching(/not valid JSON/) });
  });

  it('sends the whole mention with its context when there is no template', () => {
    const body = JSON.parse(renderPayload(null, { mention, topicNames: ['МТС'], rule: { id: 'r', name: 'Жалобы' }, suggestion: 'Здравствуйте!' }));
    expect(body).toMatchObject({ rule: { id: 'r', name: 'Жалобы' }, topics: ['МТС'], suggestion: 'Здравствуйте!', mention: { id: 'm1' } });
  });
});
