import { describe, expect, it } from 'vitest';
import { inclusiveSharePct, selfTimeByComponent, topSelfTime } from './cpu-profile.js';

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

describe('inclusiveSharePct', () => {
  it('counts a function’s own time and its callees’, not its callers’ or siblings’, leaving idle out', () => {
    const frame = (functionName: string, url = 'file:///repo/apps/sentiment/dist/scoring/scoring.service.js') => ({ functionName, url, lineNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 5, 6] },
        { id: 2, callFrame: frame('handler'), children: [3] },
        { id: 3, callFrame: frame('score'), children: [4] },
        { id: 4, callFrame: frame('run', 'file:///repo/node_modules/onnxruntime-node/dist/backend.js') },
        { id: 5, callFrame: frame('encodeMessage', 'file:///repo/packages/bus/dist/core/message-codec.js') },
        { id: 6, callFrame: frame('(idle)', '') },
      ],
      samples: [2, 3, 4, 4, 5, 6],
      timeDeltas: [1000, 1000, 3000, 3000, 2000, 90_000],
    };
    expect(inclusiveSharePct(profile, 'score', '/scoring/')).toBe(70);
    expect(inclusiveSharePct(profile, 'score', '/elsewhere/')).toBe(0);
  });
});

describe('selfTimeByComponent', () => {
  it('sorts self time into layers by the code on top of the stack', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('encode', 'file:///repo/node_modules/kafkajs/src/protocol/encoder.js') },
        { id: 2, callFrame: frame('(garbage collector)', '') },
        { id: 3, callFrame: frame('writev', 'node:internal/stream_base_commons') },
        { id: 4, callFrame: frame('mark', 'file:///repo/apps/collector/dist/quality/quality.service.js') },
        { id: 5, callFrame: frame('(program)', '') },
        { id: 6, callFrame: frame('(idle)', '') },
      ],
      samples: [1, 2, 3, 4, 5, 6, 1],
      timeDeltas: [2000, 2000, 1000, 4000, 1000, 50_000, 0],
    };
    expect(selfTimeByComponent(profile)).toEqual({
      'Pulse app and packages': 40,
      'Kafka client (kafkajs)': 20,
      'garbage collection': 20,
      'Node.js runtime (sockets, buffers, streams)': 10,
      'V8 and native': 10,
    });
  });
});
