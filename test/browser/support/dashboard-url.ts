import { join } from 'node:path';
import type { AppProcess } from '../../support/app-process.js';
import { REPO_ROOT } from '../../support/app-process.js';
import { startDashboardServer } from './dashboard-server.js';

export const DASHBOARD_DIST = join(REPO_ROOT, 'apps/dashboard/dist');

/** The title of apps/dashboard/index.html: how we recognise the dashboard at an app's `/`. */
const DASHBOARD_MARKER = '<title>Pulse — live mentions</title>';

export interface DashboardTarget {
  baseUrl: string;
  /** True when the app serves the dashboard itself, false when the test proxy stands in. */
  servedByGateway: boolean;
  close(): Promise<void>;
}

/**
 * Where the browser tests open the dashboard: the app itself once the gateway mounts it at `/`,
 * until then a local static server + proxy to the app (same origin either way).
 */
export async function dashboardTarget(app: AppProcess): Promise<DashboardTarget> {
  const root = await fetch(`${app.baseUrl}/`).then(
    async (res) => (res.ok ? await res.text() : ''),
    () => '',
  );
  if (root.includes(DASHBOARD_MARKER)) return { baseUrl: app.baseUrl, servedByGateway: true, close: async () => undefined };
  const server = await startDashboardServer(DASHBOARD_DIST, app.baseUrl);
  return { baseUrl: server.baseUrl, servedByGateway: false, close: server.close };
}
