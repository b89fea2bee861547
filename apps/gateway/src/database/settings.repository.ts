import type { SqlClient } from './sql-client.port.js';

/** Small per-deployment key/value state (seed markers, detector snapshots) in workflow_settings. */
export class SettingsRepository {
  constructor(private readonly db: SqlClient) {}

  async getSetting(key: string): Promise<string | null> {
    const [row] = await this.db.query<{ value: string }>('SELECT value FROM workflow_settings WHERE key = $1', [key]);
    return row?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.db.query('INSERT INTO workflow_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }
}
