'use client';
import type { ReactNode } from 'react';
import { Button, type ButtonProps } from './button';
import { ConfirmDialog } from './confirm-dialog';
import { toast } from './toast';

const PAST = { Delete: 'deleted', Revoke: 'revoked', Cancel: 'cancelled', Remove: 'removed' } as const;

type DeleteActionProps = {
  /** What is acted on ("cluster"); with `name`, it words the button's name, the question, the confirm button and the toast. */
  what: string;
  name?: string;
  verb?: keyof typeof PAST;
  /** The visible text; the verb by default. */
  text?: string;
  /** The accessible name, "Delete cluster c1" by default. */
  label?: string;
  /** The question, "Delete cluster c1?" by default. */
  title?: string;
  description: ReactNode;
  run: () => Promise<unknown>;
  onDone?: () => void;
  disabled?: boolean;
  /** Why the user may not do it: disables the button and says so. */
  disabledReason?: string;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
};

/** A destructive button that asks first, then says what happened in a toast (or why it failed). */
export function DeleteAction({
  what,
  name,
  verb = 'Delete',
  text = verb,
  label,
  title,
  description,
  run,
  onDone,
  disabled,
  disabledReason,
  variant = 'ghost',
  size = 'sm',
}: DeleteActionProps) {
  const subject = name === undefined ? what : `${what} ${name}`;
  const accessibleName = label ?? `${verb} ${subject}`;
  const done = `${subject.charAt(0).toUpperCase()}${subject.slice(1)} ${PAST[verb]}`;
  return (
    <ConfirmDialog
      trigger={
        <Button
          size={size}
          variant={variant}
          disabled={disabled}
          disabledReason={disabledReason}
          aria-label={accessibleName === text ? undefined : accessibleName}
        >
          {text}
        </Button>
      }
      title={title ?? `${verb} ${subject}?`}
      description={description}
      confirmLabel={`${verb} ${what}`}
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
