import { useState } from 'react';

/** A button that asks once more, in place, before it acts (no browser dialog). */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  tone = 'danger',
  disabled,
}: {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  tone?: 'danger' | 'default';
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="button button-small"
        onClick={() => setAsking(true)}
        disabled={disabled}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <button
        type="button"
        className={`button button-small${tone === 'danger' ? ' button-danger' : ' button-primary'}`}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button-small button-ghost" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
