import { useEffect, useState } from 'preact/hooks';
import { ApiError, type GraphqlClient } from '../api/graphql-client.js';
import { PERIOD_REPORT_QUERY } from './report.queries.js';
import type { PeriodReport } from './report-period.js';

export interface PeriodReportState {
  report: PeriodReport | undefined;
  loading: boolean;
  error: ApiError | undefined;
}

/** The report for these topics and window; the previous one stays on screen while the next loads. */
export function usePeriodReport(
  client: GraphqlClient,
  topicIds: readonly string[],
  window: { from: string; to: string } | undefined,
  onKeyRejected: (error: ApiError) => void,
): PeriodReportState {
  const [state, setState] = useState<PeriodReportState>({ report: undefined, loading: false, error: undefined });
  const key = window && topicIds.length > 0 ? `${topicIds.join(',')}|${window.from}|${window.to}` : '';

  useEffect(() => {
    if (!key || !window) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    client
      .request<{ periodReport: PeriodReport }>(PERIOD_REPORT_QUERY, { topicIds: [...topicIds], from: window.from, to: window.to }, controller.signal)
      .then(({ periodReport }) => setState({ report: periodReport, loading: false, error: undefined }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
        if (apiError.kind === 'unauthenticated') onKeyRejected(apiError);
        setState((s) => ({ ...s, loading: false, error: apiError }));
      });
    return () => controller.abort();
    // `key` names the topics and the window, so a new array with the same ids does not refetch.
  }, [client, key, onKeyRejected]);

  return state;
}

/** Fetches the PDF with the session's key (a plain link could not send it) and saves it under `fileName`. */
export async function downloadReportPdf(apiKey: string, url: string, fileName: string): Promise<void> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { errors?: { message?: string }[] } | null;
    throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
  }
  const href = URL.createObjectURL(await res.blob());
  try {
    const link = document.createElement('a');
    link.href = href;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }
}
