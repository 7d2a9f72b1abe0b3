'use client';
import type { FormEventHandler, ReactNode } from 'react';
import { Button } from './button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from './dialog';
import { FormError } from './field';

type FormDialogProps = {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** The form-level message (errors.root). */
  error?: string;
  submitLabel: string;
  busy: boolean;
  children: ReactNode;
};

/** A form in a dialog: its form-level message on top, Cancel and the submit button below. */
export function FormDialog({
  trigger,
  title,
  description,
  open,
  onOpenChange,
  onSubmit,
  error,
  submitLabel,
  busy,
  children,
}: FormDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description}>
        <form className="stack" onSubmit={onSubmit} noValidate>
          <FormError message={error} />
          {children}
          <div className="dialog-actions">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={busy}>
              {submitLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** The dialog that creates a `thing`: the button "New thing" opens it, "Create thing" submits it. */
export function CreateDialog({
  thing,
  disabledReason,
  ...props
}: Omit<FormDialogProps, 'trigger' | 'title' | 'submitLabel'> & { thing: string; disabledReason?: string }) {
  return (
    <FormDialog
      {...props}
      trigger={
        <Button variant="primary" disabledReason={disabledReason}>
          {`New ${thing}`}
        </Button>
      }
      title={`New ${thing}`}
      submitLabel={`Create ${thing}`}
    />
  );
}
