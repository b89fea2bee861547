import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../database/sql-client.port.js';
import { topic } from '../database/testing/store-fixtures.js';
import { forEachBackend } from '../database/testing/store-suite.js';
import { TopicRepository } from './topic.repository.js';

forEachBackend('topic repository', (backend) => {
  let client: SqlClient;
  let topicRepo: TopicRepository;


  beforeAll(() => {
    client = backend().client;
    topicRepo = new TopicRepository(client);
  });

  describe('topics', () => {
    it('creates, lists by name without deleted ones, updates and soft-deletes', async () => {
      expect(await topicRepo.listTopics()).toEqual([]);
      expect(await topicRepo.getTopic('t1')).toBeNull();

      const zeta = topic('t1', 'Zeta');
      const acme = topic('t2', 'acme');
      const beta = topic('t3', 'Beta');
      await topicRepo.upsertTopic(zeta);
      await topicRepo.upsertTopic(acme);
      await topicRepo.upsertTopic(beta);
      expect(await topicRepo.listTopics()).toEqual([acme, beta, zeta]);
      expect(await topicRepo.getTopic('t2')).toEqual(acme);

      const renamed = { ...zeta, name: 'Alpha', keywords: ['alpha', 'альфа'], updatedAt: '2026-02-01T00:00:00.000Z' };
      await topicRepo.upsertTopic(renamed);
      expect(await topicRepo.listTopics()).toEqual([acme, renamed, beta]);

      const deleted = { ...beta, status: 'deleted' as const, updatedAt: '2026-02-02T00:00:00.000Z' };
      await topicRepo.upsertTopic(deleted);
      expect(await topicRepo.listTopics()).toEqual([acme, renamed]);
      expect(await topicRepo.getTopic('t3')).toEqual(deleted);

      // A replayed older version from the compacted log does not win.
      await topicRepo.upsertTopic(zeta);
      expect(await topicRepo.getTopic('t1')).toEqual(renamed);
    });
  });

});
