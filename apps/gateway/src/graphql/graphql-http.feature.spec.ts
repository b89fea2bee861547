import { serverAudits } from 'graphql-http';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededGateway, type Harness } from '../testing/gateway-spec.fixtures.js';

describe('GraphQL over HTTP', () => {
  const seeded = useSeededGateway();
  const keys = seeded.keys;
  let gw: Harness;
  beforeAll(() => {
    gw = seeded.gw();
  });

  describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
    const authorized: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${keys.viewer}` } });
    // Audits are created lazily: the URL is only known after beforeAll.
    for (const audit of serverAudits({ url: () => `${gw.url}/graphql`, fetchFn: authorized })) {
      it(audit.name, async () => {
        const result = await audit.fn();
        // MUST requirements fail the build; SHOULDs are recommendations.
        if (result.status === 'error') expect.fail(`${result.reason}`);
      });
    }
  });
});
