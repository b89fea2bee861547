// Plain JS on purpose: the gateway imports it at run time without a build step of its own.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the built dashboard (`vite build` output): serve it at `/`. */
export const DASHBOARD_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** The SPA entry; unknown non-API paths should answer with it so deep links survive a reload. */
export const DASHBOARD_INDEX = join(DASHBOARD_DIR, 'index.html');

/** False when the dashboard was not built (e.g. a gateway-only Docker image): skip mounting rather than 404 on `/`. */
export function dashboardBuilt() {
  return existsSync(DASHBOARD_INDEX);
}
