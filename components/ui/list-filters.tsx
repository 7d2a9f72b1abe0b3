'use client';
import { Input, Label } from './field';
import { Select } from './select';

/** The filters of a server-paged list (lib/paging/use-list-params.ts). */
type ListFilters<F extends Record<string, string>> = { filters: F; setFilter: (key: keyof F, value: string) => void };

/** A list's text filter, labelled for screen readers. */
export function FilterInput<F extends Record<string, string>>(props: {
  list: ListFilters<F>;
  field: keyof F;
  id: string;
  label: string;
  placeholder: string;
}) {
  return (
    <>
      <Label htmlFor={props.id} className="sr-only">
        {props.label}
      </Label>
      <Input
        className="filter-input"
        id={props.id}
        placeholder={props.placeholder}
        value={props.list.filters[props.field]}
        onChange={(e) => props.list.setFilter(props.field, e.target.value)}
      />
    </>
  );
}

/** A list's choice filter; `options` maps each value to its label. */
export function FilterSelect<F extends Record<string, string>>(props: {
  list: ListFilters<F>;
  field: keyof F;
  label: string;
  options: Record<string, string>;
}) {
  return (
    <div className="filter-select">
      <Select
        aria-label={props.label}
        value={props.list.filters[props.field]}
        onValueChange={(value) => props.list.setFilter(props.field, value)}
        options={Object.entries(props.options).map(([value, label]) => ({ value, label }))}
      />
    </div>
  );
}
