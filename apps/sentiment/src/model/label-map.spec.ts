import { describe, expect, it } from 'vitest';
import { mapModelLabels, parseLabelMap } from './label-map.js';

describe('mapModelLabels', () => {
  it('maps by name whatever the order', () => {
    const mapping = mapModelLabels({ 0: 'POSITIVE', 1: 'neutral', 2: 'Negative' });
    expect(mapping.get('POSITIVE')).toBe('positive');
    expect(mapping.get('Negative')).toBe('negative');
  });

  it('refuses unmappable labels unless overridden', () => {
    expect(() => mapModelLabels({ 0: 'LABEL_0', 1: 'LABEL_1' })).toThrow(/SENTIMENT_LABEL_MAP/);
    const mapping = mapModelLabels({ 0: 'LABEL_0', 1: 'LABEL_1' }, parseLabelMap('LABEL_0=negative, LABEL_1=positive'));
    expect([...mapping.values()]).toEqual(['negative', 'positive']);
  });

  it('rejects a malformed override', () => {
    expect(() => parseLabelMap('LABEL_0=angry')).toThrow(/LABEL_0=angry/);
  });
});
