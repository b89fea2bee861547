import { caretAt, type FieldError } from './field-errors.js';

/** A save error under the field it names; with a position, the offending line and a caret under it. */
export function FieldErrorNote({ error, text, id }: { error: FieldError | undefined; text?: string; id?: string }) {
  if (!error) return null;
  const at = error.position !== undefined && text !== undefined ? caretAt(text, error.position) : undefined;
  return (
    <div class="field-error" id={id} role="alert" data-testid={`field-error-${error.key}`}>
      <span>{error.message}</span>
      {error.position !== undefined && !error.message.includes(`position ${error.position}`) && <span class="muted"> (at position {error.position})</span>}
      {at && (
        <pre class="caret-view" data-testid="error-caret">
          {at.line}
          {'\n'}
          <span class="caret">{at.caret}</span>
        </pre>
      )}
    </div>
  );
}

/** The error for one field key, if that is where the last save failed. */
export function errorFor(error: FieldError | undefined, key: string): FieldError | undefined {
  return error?.key === key ? error : undefined;
}
