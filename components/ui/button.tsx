import { Slot } from '@radix-ui/react-slot';
import Link from 'next/link';
import type { ButtonHTMLAttributes } from 'react';

type Variant = 'default' | 'primary' | 'danger' | 'ghost';
export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  size?: 'sm' | 'md';
  asChild?: boolean;
  /** Why the user may not press it ("you need MAINTAINER on project p"): disables it and says so on hover and to screen readers. */
  disabledReason?: string;
};

export function Button({ variant = 'default', size = 'md', asChild, className, type, disabledReason, disabled, ...props }: ButtonProps) {
  const classes = ['btn', variant !== 'default' && `btn-${variant}`, size === 'sm' && 'btn-sm', className].filter(Boolean).join(' ');
  if (asChild) return <Slot className={classes} {...props} />;
  const refusal = disabledReason ? { title: disabledReason, 'aria-description': disabledReason } : {};
  return <button type={type ?? 'button'} className={classes} disabled={disabled || Boolean(disabledReason)} {...props} {...refusal} />;
}

/** A link that looks like a button (client-side navigation); with `disabledReason`, a disabled button saying why. */
export function ButtonLink({ href, children, disabledReason, ...props }: Omit<ButtonProps, 'asChild'> & { href: string }) {
  if (disabledReason)
    return (
      <Button {...props} disabledReason={disabledReason}>
        {children}
      </Button>
    );
  return (
    <Button asChild {...props}>
      <Link href={href}>{children}</Link>
    </Button>
  );
}
