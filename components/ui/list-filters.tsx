'use client';
import { Input, Label } from './field';
import { Select } from './select';

/** A list's text filter, labelled for screen readers. */
export function FilterInput(props: { id: string; label: string; placeholder: string; value: string; onChange: (value: string) => void }) {
  return (
    <>
      <Label htmlFor={props.id} className="sr-only">
        {props.label}
      </Label>
      <Input
        className="filter-input"
        id={props.id}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </>
  );
}

/** A list's choice filter; `all` (or the first option) shows everything. */
export function FilterSelect(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="filter-select">
      <Select aria-label={props.label} value={props.value} onValueChange={props.onChange} options={props.options} />
    </div>
  );
}
