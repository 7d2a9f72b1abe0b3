'use client';
import * as RadioGroupPrimitive from '@radix-ui/react-radio-group';
import { type ComponentProps, type ReactNode, useId } from 'react';

export type RadioOption = { value: string; label: ReactNode; description?: ReactNode; disabled?: boolean };

export function RadioGroup({
  options,
  inline,
  ...root
}: ComponentProps<typeof RadioGroupPrimitive.Root> & { options: RadioOption[]; inline?: boolean }) {
  const id = useId();
  return (
    <RadioGroupPrimitive.Root className={inline ? 'radio-group inline' : 'radio-group'} {...root}>
      {options.map((option) => (
        <label key={option.value} className="radio-option" htmlFor={`${id}-${option.value}`}>
          <RadioGroupPrimitive.Item className="radio" value={option.value} id={`${id}-${option.value}`} disabled={option.disabled}>
            <RadioGroupPrimitive.Indicator className="radio-dot" />
          </RadioGroupPrimitive.Item>
          <span>
            <strong>{option.label}</strong>
            {option.description ? <span className="muted option-description">{option.description}</span> : null}
          </span>
        </label>
      ))}
    </RadioGroupPrimitive.Root>
  );
}
