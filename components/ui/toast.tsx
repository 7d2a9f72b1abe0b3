'use client';
import * as ToastPrimitive from '@radix-ui/react-toast';
import { useEffect, useState } from 'react';

type ToastItem = { id: number; title: string; tone: 'success' | 'error' };
type Listener = (items: ToastItem[]) => void;

let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<Listener>();
const emit = () => {
  for (const listener of listeners) listener(items);
};

/** Shows a toast from anywhere (mutations' onSuccess / onError). */
export function toast(title: string, tone: ToastItem['tone'] = 'success'): void {
  items = [...items, { id: nextId++, title, tone }];
  emit();
}

function dismiss(id: number): void {
  items = items.filter((item) => item.id !== id);
  emit();
}

export function Toaster() {
  const [current, setCurrent] = useState<ToastItem[]>(items);
  useEffect(() => {
    listeners.add(setCurrent);
    return () => {
      listeners.delete(setCurrent);
    };
  }, []);
  return (
    <ToastPrimitive.Provider swipeDirection="right" duration={5000}>
      {current.map((item) => (
        <ToastPrimitive.Root
          key={item.id}
          className={`toast ${item.tone}`}
          type={item.tone === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => !open && dismiss(item.id)}
          data-testid="toast"
        >
          <ToastPrimitive.Title>{item.title}</ToastPrimitive.Title>
          <ToastPrimitive.Close className="toast-close" aria-label="Dismiss">
            ✕
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport className="toast-viewport" />
    </ToastPrimitive.Provider>
  );
}
