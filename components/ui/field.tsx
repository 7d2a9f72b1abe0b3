'use client';
import * as LabelPrimitive from '@radix-ui/react-label';
import { type ComponentProps, cloneElement, isValidElement, type ReactElement, type ReactNode, useId } from 'react';

export const Label = LabelPrimitive.Root;

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={['input', className].filter(Boolean).join(' ')} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={['textarea', className].filter(Boolean).join(' ')} {...props} />;
}

type FieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactElement<Record<string, unknown>>;
  className?: string;
};

/** A labelled control: wires id, aria-describedby and aria-invalid so screen readers hear hint and error. */
export function Field({ label, hint, error, children, className }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })
    : children;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <Label htmlFor={id}>{label}</Label>
      {control}
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="error" data-field-error>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The form-level message: a refusal that no shown field holds. */
export function FormError({ message, testId = 'form-error' }: { message?: string; testId?: string }) {
  if (!message) return null;
  return (
    <div className="notice" role="alert" data-testid={testId}>
      {message}
    </div>
  );
}
