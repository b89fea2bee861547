import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describeApiError, type ApiError } from '../api/graphql-client.js';
import type { Session } from '../app.js';
import { REPORT_PRESETS, comparedWith, presetRange, rangeWindow, reportFileName, reportPdfUrl, type ReportRange } from './report-period.js';
import { ReportBody } from './report-sections.js';
import { downloadReportPdf, usePeriodReport } from './use-period-report.js';

export interface ReportViewProps {
  session: Session;
  /** Preselected: the topic the charts show, when one is picked. */
  topicId: string;
  onClose: () => void;
  onKeyRejected: (error: ApiError) => void;
}

/**
 * The printable period report over the dashboard: topics and whole UTC days, the figures the
 * PDF carries, Print (the browser's, with a print stylesheet) and Download PDF (the gateway's).
 */
export function ReportView({ session, topicId, onClose, onKeyRejected }: ReportViewProps) {
  const topics = useMemo(() => session.topics.filter((t) => t.status !== 'deleted').sort((a, b) => a.name.localeCompare(b.name)), [session.topics]);
  const [selected, setSelected] = useState<string[]>(() => (topicId ? [topicId] : topics[0] ? [topics[0].id] : []));
  const [range, setRange] = useState<ReportRange>(() => presetRange('today', Date.now()));
  const [pdfState, setPdfState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const span = rangeWindow(range);
  const valid = 'from' in span ? span : undefined;
  const { report, loading, error } = usePeriodReport(session.client, selected, valid, onKeyRejected);

  const toggle = (id: string, on: boolean) => setSelected((ids) => (on ? [...ids, id].sort() : ids.filter((x) => x !== id)));
  const download = async () => {
    if (!valid) return;
    setPdfState({ busy: true });
    try {
      await downloadReportPdf(session.key, reportPdfUrl(selected, valid), reportFileName(selected, range));
      setPdfState({ busy: false });
    } catch (e) {
      setPdfState({ busy: false, error: `Could not download the PDF: ${(e as Error).message}` });
    }
  };

  return (
    <div class="report-view" role="region" aria-labelledby="report-title" data-testid="report-view">
      <header class="panel-head report-controls">
        <h2 id="report-title" ref={heading} tabIndex={-1}>
          Period report
        </h2>
        <div class="segmented" role="group" aria-label="Period">
          {REPORT_PRESETS.map((p) => (
            <button key={p.id} type="button" onClick={() => setRange(presetRange(p.id, Date.now()))} data-testid={`report-preset-${p.id}`}>
              {p.label}
            </button>
          ))}
        </div>
        <label class="small">
          From <input type="date" value={range.fromDay} onInput={(e) => setRange({ ...range, fromDay: e.currentTarget.value })} data-testid="report-from" />
        </label>
        <label class="small">
          To <input type="date" value={range.toDay} onInput={(e) => setRange({ ...range, toDay: e.currentTarget.value })} data-testid="report-to" />
        </label>
        <span class="muted small">UTC days</span>
        <div class="row-actions report-actions">
          <button type="button" onClick={() => window.print()} disabled={!report}>
            Print
          </button>
          <button type="button" class="primary" onClick={() => void download()} disabled={!valid || selected.length === 0 || pdfState.busy} data-testid="report-pdf">
            {pdfState.busy ? 'Preparing PDF…' : 'Download PDF'}
          </button>
          <button type="button" onClick={onClose} data-testid="report-close">
            Back to dashboard
          </button>
        </div>
        <fieldset class="report-topics" data-testid="report-topics">
          <legend class="small muted">Topics</legend>
          {topics.map((t) => (
            <label key={t.id} class="small">
              <input type="checkbox" checked={selected.includes(t.id)} onChange={(e) => toggle(t.id, e.currentTarget.checked)} /> {t.name}
            </label>
          ))}
        </fieldset>
      </header>
      <div class="report-page" aria-busy={loading}>
        <header class="report-title">
          <h1 data-testid="report-heading">{report ? report.topics.map((t) => t.name).join(', ') : 'Period report'}</h1>
          {report && (
            <p class="muted">
              {range.fromDay === range.toDay ? range.fromDay : `${range.fromDay} – ${range.toDay}`} (UTC)
              {comparedWith(report)}
            </p>
          )}
        </header>
        {'error' in span && <p class="alert warn" role="alert">{span.error}</p>}
        {selected.length === 0 && <p class="alert warn">Pick at least one topic.</p>}
        {pdfState.error && <p class="alert error" role="alert">{pdfState.error}</p>}
        {error && (
          <p class="alert error" role="alert" data-testid="report-error">
            {describeApiError(error)}
          </p>
        )}
        {report ? <ReportBody report={report} /> : loading && <p class="muted state">Preparing the report…</p>}
      </div>
    </div>
  );
}
