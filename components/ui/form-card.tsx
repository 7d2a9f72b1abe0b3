import type { FormEventHandler, ReactNode } from 'react';
import { FormError } from './field';

type FormCardProps = {
  title: string;
  /** The form's accessible name, when it should differ from the heading. */
  label?: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** The form-level message (errors.root). */
  error?: string;
  children: ReactNode;
};

/** A form on a page, in a card: its heading and form-level message on top (FormDialog's sibling). */
export function FormCard({ title, label = title, onSubmit, error, children }: FormCardProps) {
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-label={label}>
      <h2 className="flush">{title}</h2>
      <FormError message={error} />
      {children}
    </form>
  );
}
