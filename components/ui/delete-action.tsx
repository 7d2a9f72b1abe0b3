'use client';
import type { ReactNode } from 'react';
import { Button, type ButtonProps } from './button';
import { ConfirmDialog } from './confirm-dialog';
import { toast } from './toast';

type DeleteActionProps = {
  /** The button's text; "Delete" unless the action is a revoke or a cancel. */
  text?: string;
  /** The button's accessible name when the text alone is ambiguous in a list: "Delete cluster c1". */
  label?: string;
  /** The question; `${label}?` by default. */
  title?: string;
  description: ReactNode;
  confirmLabel: string;
  /** The toast once done. */
  done: string;
  run: () => Promise<unknown>;
  onDone?: () => void;
  disabled?: boolean;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
};

/** A destructive button that asks first, then says what happened in a toast (or why it failed). */
export function DeleteAction({
  text = 'Delete',
  label,
  title,
  description,
  confirmLabel,
  done,
  run,
  onDone,
  disabled,
  variant = 'ghost',
  size = 'sm',
}: DeleteActionProps) {
  return (
    <ConfirmDialog
      trigger={
        <Button size={size} variant={variant} disabled={disabled} aria-label={label}>
          {text}
        </Button>
      }
      title={title ?? `${label ?? text}?`}
      description={description}
      confirmLabel={confirmLabel}
      onConfirm={() =>
        run().then(
          () => {
            toast(done);
            onDone?.();
          },
          (error: Error) => toast(error.message, 'error'),
        )
      }
    />
  );
}
