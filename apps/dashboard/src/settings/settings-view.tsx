import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/graphql-client.js';
import type { Session } from '../app.js';
import { AnswersSection } from './answers-section.js';
import { LeakWatchSection } from './leak-watch-section.js';
import { RulesSection } from './rules-section.js';

type Tab = 'rules' | 'answers' | 'leaks';

/** Workflow rules, typical answers and the leak watch, over the dashboard (which keeps running underneath). */
export function SettingsView({ session, onClose, onKeyRejected }: { session: Session; onClose: () => void; onKeyRejected: (error: ApiError) => void }) {
  const [tab, setTab] = useState<Tab>('rules');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const topics = session.topics.filter((t) => t.status !== 'deleted').sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div class="settings-view" role="region" aria-labelledby="settings-title" data-testid="settings">
      <header class="panel-head">
        <h2 id="settings-title" ref={heading} tabIndex={-1}>
          Settings
        </h2>
        <div class="segmented" role="tablist" aria-label="Settings section">
          <button role="tab" aria-selected={tab === 'rules'} class={tab === 'rules' ? 'on' : ''} onClick={() => setTab('rules')} data-testid="settings-tab-rules">
            Workflow rules
          </button>
          <button role="tab" aria-selected={tab === 'answers'} class={tab === 'answers' ? 'on' : ''} onClick={() => setTab('answers')} data-testid="settings-tab-answers">
            Typical answers
          </button>
          <button role="tab" aria-selected={tab === 'leaks'} class={tab === 'leaks' ? 'on' : ''} onClick={() => setTab('leaks')} data-testid="settings-tab-leaks">
            Leak watch
          </button>
        </div>
        <button onClick={onClose} data-testid="settings-close">
          Back to dashboard
        </button>
      </header>
      <div class="settings-body">
        {tab === 'rules' && <RulesSection client={session.client} me={session.me} topics={topics} onKeyRejected={onKeyRejected} />}
        {tab === 'answers' && <AnswersSection client={session.client} me={session.me} onKeyRejected={onKeyRejected} />}
        {tab === 'leaks' && <LeakWatchSection client={session.client} me={session.me} onKeyRejected={onKeyRejected} />}
      </div>
    </div>
  );
}
