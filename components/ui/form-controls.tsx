'use client';
import { type ComponentProps, type ReactNode, useId } from 'react';
import { type Control, type FieldValues, type Path, useController } from 'react-hook-form';
import { Button } from './button';
import { Checkbox } from './checkbox';
import { ChipsInput } from './chips-input';
import { Field, Input, Label, Textarea } from './field';
import { RadioGroup } from './radio-group';
import { Select } from './select';

// Radix controls are not native inputs, so react-hook-form drives them through useController:
// one binding each, instead of a <Controller render=…> at every use.

/** `T` is what the resolver turns the values into (zod transforms), unused here but part of the control's type. */
type Bound<V extends FieldValues, T extends FieldValues> = { control: Control<V, unknown, T>; name: Path<V> };

export function FormCheckbox<V extends FieldValues, T extends FieldValues = V>({
  control,
  name,
  label,
}: Bound<V, T> & { label: ReactNode }) {
  const { field } = useController({ control, name });
  const id = useId();
  return (
    <div className="row">
      <Checkbox id={id} checked={field.value} onCheckedChange={(checked) => field.onChange(checked === true)} />
      <Label htmlFor={id}>{label}</Label>
    </div>
  );
}

type RadioProps = Omit<ComponentProps<typeof RadioGroup>, 'value' | 'onValueChange' | 'aria-labelledby'>;

/** A radio group bound to a form field; with `label`, a labelled field of its own. */
export function FormRadioGroup<V extends FieldValues, T extends FieldValues = V>({
  control,
  name,
  label,
  ...props
}: Bound<V, T> & RadioProps & { label?: ReactNode }) {
  const { field } = useController({ control, name });
  const id = useId();
  const group = <RadioGroup {...props} aria-labelledby={label ? id : undefined} value={field.value} onValueChange={field.onChange} />;
  if (!label) return group;
  return (
    <div className="field">
      <span className="label" id={id}>
        {label}
      </span>
      {group}
    </div>
  );
}

type FieldText = { label: ReactNode; hint?: ReactNode; className?: string };

/** A labelled text input bound to a form field, showing that field's error; `multiline` for a textarea. */
export function TextField<V extends FieldValues, T extends FieldValues = V>({
  control,
  name,
  label,
  hint,
  className,
  multiline,
  inputClassName,
  ...input
}: Bound<V, T> &
  FieldText & { multiline?: boolean; inputClassName?: string } & Omit<
    ComponentProps<'input'> & ComponentProps<'textarea'>,
    'name' | 'value'
  >) {
  const { field, fieldState } = useController({ control, name });
  const bound = { ...input, ...field, value: field.value ?? '', className: inputClassName };
  return (
    <Field label={label} hint={hint} error={fieldState.error?.message} className={className}>
      {multiline ? <Textarea {...bound} /> : <Input {...bound} />}
    </Field>
  );
}

/** A password the user chooses (browsers offer to generate one), bound to a form field. */
export function NewPasswordField<V extends FieldValues, T extends FieldValues = V>(props: Bound<V, T> & FieldText) {
  return <TextField {...props} type="password" autoComplete="new-password" />;
}

export function FormSelect<V extends FieldValues, T extends FieldValues = V>({
  control,
  name,
  label,
  hint,
  className,
  ...select
}: Bound<V, T> & FieldText & Omit<ComponentProps<typeof Select>, 'value' | 'onValueChange'>) {
  const { field, fieldState } = useController({ control, name });
  return (
    <Field label={label} hint={hint} error={fieldState.error?.message} className={className}>
      <Select {...select} value={field.value || undefined} onValueChange={field.onChange} />
    </Field>
  );
}

export function FormChips<V extends FieldValues, T extends FieldValues = V>({
  control,
  name,
  itemLabel,
  ...text
}: Bound<V, T> & FieldText & { itemLabel: string }) {
  const { field, fieldState } = useController({ control, name });
  return (
    <Field {...text} error={fieldState.error?.message}>
      <ChipsInput value={field.value} onChange={field.onChange} itemLabel={itemLabel} />
    </Field>
  );
}

/** One entry of an editable list: its fields, then a Remove button lined up with the inputs. */
export function ListEntry({ removeLabel, onRemove, children }: { removeLabel: string; onRemove: () => void; children: ReactNode }) {
  return (
    <div className="row top">
      {children}
      <Button variant="ghost" size="sm" className="beside-field" onClick={onRemove} aria-label={removeLabel}>
        Remove
      </Button>
    </div>
  );
}

/** The button under an editable list that adds an entry. */
export function AddEntry({ onAdd, children }: { onAdd: () => void; children: ReactNode }) {
  return (
    <div>
      <Button size="sm" onClick={onAdd}>
        {children}
      </Button>
    </div>
  );
}
