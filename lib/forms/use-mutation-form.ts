'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { type DefaultValues, type FieldValues, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { type FieldOf, showServerError } from './server-errors';

type Callbacks<R> = { onSuccess: (result: R) => void; onError: (error: Error) => void };

type MutationFormOptions<I extends FieldValues, O, R> = {
  /** The request schema (or the form's own, derived from it): checks the values before anything is sent. */
  schema: z.ZodType<O, I>;
  defaultValues: DefaultValues<I>;
  /** The fields the form shows: a refusal of any other field becomes the form-level message. */
  fieldOf: FieldOf<I>;
  /** Sends the checked values: a react-query `mutate`, or a function that shapes the request and calls one. */
  mutate: (values: O, callbacks: Callbacks<R>) => void;
  onSuccess: (result: R) => void;
};

/**
 * A form checked by a zod schema whose submit sends the values through a mutation; a failed request
 * shows on the field the server named, or as the form's own message (showServerError).
 */
export function useMutationForm<I extends FieldValues, O, R>({
  schema,
  defaultValues,
  fieldOf,
  mutate,
  onSuccess,
}: MutationFormOptions<I, O, R>) {
  const form = useForm<I, unknown, O>({ resolver: zodResolver(schema), defaultValues });
  const onSubmit = form.handleSubmit((values) =>
    mutate(values, {
      onSuccess,
      onError: (error) => showServerError(error, form, fieldOf),
    }),
  );
  return { form, onSubmit };
}

/**
 * A mutation form in a dialog: `dialog` goes to FormDialog (open state, submit, form-level message).
 * A success closes the dialog and, unless `keepValues`, empties the form for the next one.
 */
export function useDialogForm<I extends FieldValues, O, R>({
  onSuccess,
  keepValues = false,
  ...options
}: MutationFormOptions<I, O, R> & { keepValues?: boolean }) {
  const [open, setOpen] = useState(false);
  const { form, onSubmit } = useMutationForm({
    ...options,
    onSuccess: (result: R) => {
      onSuccess(result);
      setOpen(false);
      if (!keepValues) form.reset();
    },
  });
  return { form, dialog: { open, onOpenChange: setOpen, onSubmit, error: form.formState.errors.root?.message } };
}
