import { describe, expect, it } from 'vitest';
import { topSelfTime } from './cpu-profile.js';

describe('topSelfTime', () => {
  it('ranks functions by self time merged by name and place, leaving idle time out of the share', () => {
    const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('tokenize', 'file:///repo/node_modules/x/tok.js', 9) },
        { id: 3, callFrame: frame('tokenize', 'file:///repo/node_modules/x/tok.js', 9) },
        { id: 4, callFrame: frame('encode', 'file:///repo/packages/bus/dist/codec.js', 41) },
        { id: 5, callFrame: frame('(idle)', '') },
        { id: 6, callFrame: frame('(garbage collector)', '') },
      ],
      samples: [2, 3, 4, 5, 6, 2],
      timeDeltas: [3000, 2000, 2000, 50_000, 1000, 2000],
    };
    expect(topSelfTime(profile, '/repo', 2)).toEqual([
      { frame: 'tokenize (node_modules/x/tok.js:10)', selfMs: 7, sharePct: 70 },
      { frame: 'encode (packages/bus/dist/codec.js:42)', selfMs: 2, sharePct: 20 },
    ]);
  });
});
