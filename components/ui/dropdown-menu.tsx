'use client';
import * as Menu from '@radix-ui/react-dropdown-menu';
import type { ReactNode } from 'react';

export const DropdownMenu = Menu.Root;
export const DropdownMenuTrigger = Menu.Trigger;

export function DropdownMenuContent({ children }: { children: ReactNode }) {
  return (
    <Menu.Portal>
      <Menu.Content className="menu-content" align="end" sideOffset={4}>
        {children}
      </Menu.Content>
    </Menu.Portal>
  );
}

export function DropdownMenuItem({ children, onSelect, danger }: { children: ReactNode; onSelect: () => void; danger?: boolean }) {
  return (
    <Menu.Item className={danger ? 'menu-item danger' : 'menu-item'} onSelect={onSelect}>
      {children}
    </Menu.Item>
  );
}
