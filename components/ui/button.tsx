import { Slot } from '@radix-ui/react-slot';
import Link from 'next/link';
import type { ButtonHTMLAttributes } from 'react';

type Variant = 'default' | 'primary' | 'danger' | 'ghost';
export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: 'sm' | 'md'; asChild?: boolean };

export function Button({ variant = 'default', size = 'md', asChild, className, type, ...props }: ButtonProps) {
  const classes = ['btn', variant !== 'default' && `btn-${variant}`, size === 'sm' && 'btn-sm', className].filter(Boolean).join(' ');
  if (asChild) return <Slot className={classes} {...props} />;
  return <button type={type ?? 'button'} className={classes} {...props} />;
}

/** A link that looks like a button (client-side navigation). */
export function ButtonLink({ href, children, ...props }: Omit<ButtonProps, 'asChild'> & { href: string }) {
  return (
    <Button asChild {...props}>
      <Link href={href}>{children}</Link>
    </Button>
  );
}
