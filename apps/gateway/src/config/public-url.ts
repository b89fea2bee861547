import { z } from 'zod';

/**
 * The address people reach Pulse at (a reverse proxy, a published docker port, a host name):
 * the printed dashboard and API links use it. Without it they read http://localhost:<PORT>,
 * which is wrong whenever the process does not listen where the browser connects.
 */
export const publicUrlSchema = z
  .url({ protocol: /^https?$/, message: 'PULSE_PUBLIC_URL must be an http(s) URL, e.g. https://pulse.example.com' })
  .optional();

/** The base of printed links, without a trailing slash; https when the app itself serves TLS. */
export function publicBaseUrl(publicUrl: string | undefined, port: number, tls = false): string {
  return (publicUrl ?? `${tls ? 'https' : 'http'}://localhost:${port}`).replace(/\/+$/u, '');
}

/** The dashboard link with the key in the fragment (browsers never send it to the server). */
export function dashboardLink(base: string, key: string | undefined): string {
  return key ? `${base}/#key=${encodeURIComponent(key)}` : `${base}/`;
}
