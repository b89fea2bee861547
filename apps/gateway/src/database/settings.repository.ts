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

  /**
   * Sets the key only when it is not set yet; true when this call set it. A claim on work that
   * exactly one gateway replica should do (e.g. one weekly report e-mail per topic and week).
   */
  async claimSetting(key: string, value: string): Promise<boolean> {
    const rows = await this.db.query('INSERT INTO workflow_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key', [key, value]);
    return rows.length > 0;
  }

  async deleteSetting(key: string): Promise<void> {
    await this.db.query('DELETE FROM workflow_settings WHERE key = $1', [key]);
  }
}
