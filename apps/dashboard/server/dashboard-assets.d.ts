/** Absolute path of the built dashboard (`vite build` output): serve it at `/`. */
export declare const DASHBOARD_DIR: string;
/** The SPA entry; unknown non-API paths should answer with it so deep links survive a reload. */
export declare const DASHBOARD_INDEX: string;
/** False when the dashboard was not built (e.g. a gateway-only Docker image): skip mounting rather than 404 on `/`. */
export declare function dashboardBuilt(): boolean;
