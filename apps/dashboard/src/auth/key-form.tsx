import { useState } from 'preact/hooks';

/** Shown with no key, or after the server refused one (then `message` says why). */
export function KeyForm({ message, onSubmit }: { message?: string | undefined; onSubmit: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [reveal, setReveal] = useState(false);
  return (
    <main class="centered">
      <form
        class="card key-form"
        aria-labelledby="key-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (key.trim()) onSubmit(key.trim());
        }}
      >
        <h1 id="key-title">
          <span class="logo" aria-hidden="true">◉</span> Pulse
        </h1>
        {message ? (
          <p class="alert error" role="alert" data-testid="key-error">
            {message}
          </p>
        ) : (
          <p>Enter an API key to open the live mention feed. It is kept in this browser only.</p>
        )}
        <label for="api-key">API key</label>
        <div class="key-input">
          <input
            id="api-key"
            name="api-key"
            type={reveal ? 'text' : 'password'}
            autoComplete="off"
            spellcheck={false}
            autoFocus
            required
            placeholder="pulse_…"
            value={key}
            onInput={(event) => setKey(event.currentTarget.value)}
          />
          <button type="button" aria-pressed={reveal} onClick={() => setReveal(!reveal)}>
            {reveal ? 'Hide' : 'Show'}
          </button>
        </div>
        <button class="primary" type="submit">
          Open dashboard
        </button>
        <p class="muted small">
          <code>npm start</code> prints the admin key once, and a link that fills this in. Admins create more keys with the{' '}
          <code>createApiKey</code> mutation; a <code>viewer</code> key is enough here.
        </p>
      </form>
    </main>
  );
}
