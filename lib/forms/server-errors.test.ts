import { createFormControl } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../api-client/api-fetch';
import { apiPathOf, checkWithApiSchema, onlyShown, shownFields, showServerError } from './server-errors';

type Values = { projectId: string; name: string; type: string };

function repositoryForm() {
  const { control, formControl } = createFormControl<Values>({ defaultValues: { projectId: 'MyProject', name: 'images', type: 'DOCKER' } });
  return { form: formControl, errors: () => control._formState.errors };
}

describe('server errors on forms', () => {
  it('puts a refusal on the shown field the server names, without the "Parameter [x]" prefix', () => {
    const { form, errors } = repositoryForm();
    showServerError(new ApiError(400, 250105, 'Parameter [name] is invalid: must be lowercase'), form, shownFields(['name', 'type']));
    expect(errors().name?.message).toBe('is invalid: must be lowercase');
    expect(errors().root).toBeUndefined();
  });

  it('shows a refusal of a field the form does not show as the form-level message', () => {
    const { form, errors } = repositoryForm();
    const message = 'Parameter [projectId] is invalid: DOCKER repositories need a lowercase project name usable in image names';
    showServerError(new ApiError(400, 250105, message), form, shownFields(['name', 'type']));
    expect(errors().projectId).toBeUndefined();
    expect(errors().root?.message).toBe(message);
  });

  it('shows errors that name no field, and network failures, as the form-level message', () => {
    const { form, errors } = repositoryForm();
    showServerError(new ApiError(409, 250107, 'Repository [p/images] already exists'), form, shownFields(['name']));
    expect(errors().root?.message).toBe('Repository [p/images] already exists');
    showServerError(new Error('The server could not be reached'), form, shownFields(['name']));
    expect(errors().root?.message).toBe('The server could not be reached');
  });

  it('narrows a mapping to the fields a variant of the form shows', () => {
    const fieldOf = onlyShown(shownFields<Values>(['name', 'type']), (field) => field !== 'type');
    expect(fieldOf('name', { projectId: '', name: '', type: '' })).toBe('name');
    expect(fieldOf('type', { projectId: '', name: '', type: '' })).toBeNull();
  });
});

describe('checking form values with the API schema', () => {
  it('names issue paths as the server does', () => {
    expect(apiPathOf(['configs', 0, 'setting', 'rateLimit'])).toBe('configs[0].setting.rateLimit');
    expect(apiPathOf(['pathConstraints', 2])).toBe('pathConstraints[2]');
  });

  it('reports each API issue on the form field that shows it, else on the fallback', () => {
    const api = z.object({ body: z.object({ size: z.number().positive(), label: z.string().min(1) }) });
    type Form = { size: string; label: string };
    const fieldOf = (path: string) => (path === 'body.size' ? 'size' : null);
    const schema = z
      .object({ size: z.string(), label: z.string() })
      .superRefine(checkWithApiSchema(api, (v: Form) => ({ body: { size: Number(v.size), label: v.label } }), fieldOf, 'label'));
    const result = schema.safeParse({ size: '-1', label: '' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['size', 'label']);
  });
});
