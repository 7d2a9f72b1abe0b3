'use client';
import { type ComponentProps, useState } from 'react';

type ChipsInputProps = Omit<ComponentProps<'input'>, 'value' | 'onChange'> & {
  value: string[];
  onChange: (value: string[]) => void;
  itemLabel: string;
};

/** A list of short values as removable chips; Enter or comma adds what was typed, Backspace on empty removes the last. */
export function ChipsInput({ value, onChange, itemLabel, id, ...inputProps }: ChipsInputProps) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const items = draft
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item && !value.includes(item));
    if (items.length) onChange([...value, ...items]);
    setDraft('');
  };
  return (
    <div className="chips input">
      {value.map((item) => (
        <span key={item} className="chip">
          {item}
          <button type="button" aria-label={`Remove ${itemLabel} ${item}`} onClick={() => onChange(value.filter((v) => v !== item))}>
            ✕
          </button>
        </span>
      ))}
      <input
        className="chips-entry"
        id={id}
        {...inputProps}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ',') {
            event.preventDefault();
            add();
          } else if (event.key === 'Backspace' && draft === '' && value.length) {
            onChange(value.slice(0, -1));
          }
        }}
        onBlur={add}
      />
    </div>
  );
}
