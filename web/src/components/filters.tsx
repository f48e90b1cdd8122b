/**
 * The controls of a list's toolbar: a search box, filter selects, on/off filters and chips for a filter
 * that came from elsewhere (a link from a product version, a device). Their values live in the URL
 * (paging.tsx's useListState); these only show them and report changes.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';

/** A labelled search box that applies its text on submit (Enter or the button), not on every key. */
export function SearchForm({
  id,
  label,
  placeholder,
  value,
  onSearch,
  button = 'Search',
}: {
  id: string;
  /** For screen readers (the box shows its placeholder). */
  label: string;
  placeholder?: string;
  /** The applied search, from the URL: the box follows it (Back, a cleared filter). */
  value: string;
  onSearch: (text: string) => void;
  button?: string;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(text.trim());
  }

  return (
    <form onSubmit={submit} className="search-form">
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="search"
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="button">
        {button}
      </button>
    </form>
  );
}

export function FilterSelect({
  label,
  value,
  options,
  onChange,
  emptyLabel = 'All',
}: {
  label: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
  /** The first choice, meaning "no filter"; `null` when every choice is one of `options`. */
  emptyLabel?: string | null;
}) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {emptyLabel !== null && <option value="">{emptyLabel}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** An on/off filter (`true` in the URL, or absent). */
export function FilterToggle({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="filter-toggle">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** A filter set by a link (a product version, a device) rather than by the toolbar, with its ×. */
export function FilterChip({
  children,
  clearLabel,
  onClear,
}: {
  children: ReactNode;
  clearLabel: string;
  onClear: () => void;
}) {
  return (
    <span className="chip">
      {children}
      <button type="button" className="chip-clear" aria-label={clearLabel} onClick={onClear}>
        ×
      </button>
    </span>
  );
}

/** The options of a select, keeping the current value even when the list no longer offers it. */
export function withCurrent(values: string[], current: string): string[] {
  return current && !values.includes(current) ? [current, ...values] : values;
}
