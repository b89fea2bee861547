/** Delete in two clicks: "Delete", then "Confirm delete" or "Keep". */
export function ConfirmDelete(props: { confirming: boolean; disabled: boolean; onAsk: () => void; onConfirm: () => void; onKeep: () => void }) {
  if (!props.confirming) {
    return (
      <button class="link-button" disabled={props.disabled} onClick={props.onAsk}>
        Delete
      </button>
    );
  }
  return (
    <>
      <button class="link-button danger" disabled={props.disabled} onClick={props.onConfirm}>
        Confirm delete
      </button>
      <button class="link-button" onClick={props.onKeep}>
        Keep
      </button>
    </>
  );
}
