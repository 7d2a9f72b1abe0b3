'use client';
import type { ReactNode } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { AddEntry, ListEntry, TextField } from '@/components/ui/form-controls';
import { useNodes } from '@/lib/artifacts/hooks';

type PathValues = { pathConstraints: { path: string }[] };
type Props = {
  projectId: string;
  repoName: string;
  /** What an empty list means for this form. */
  intro?: ReactNode;
  placeholder: string;
  /** A message about the list as a whole (e.g. "give paths or an image"). */
  error?: string;
};

/** The folders and files of a GENERIC repository to copy, one input each, with the root's folders as suggestions. */
export function PathListFieldset({ projectId, repoName, intro, placeholder, error }: Props) {
  const form = useFormContext<PathValues>();
  const paths = useFieldArray({ control: form.control, name: 'pathConstraints' });
  return (
    <fieldset className="stack">
      <legend>Paths</legend>
      {intro ? <p className="muted flush">{intro}</p> : null}
      {error ? <span className="text-danger">{error}</span> : null}
      <FolderHints projectId={projectId} repoName={repoName} />
      {paths.fields.map((item, index) => (
        <ListEntry key={item.id} removeLabel={`Remove path ${index + 1}`} onRemove={() => paths.remove(index)}>
          <TextField
            control={form.control}
            name={`pathConstraints.${index}.path`}
            label={`Path ${index + 1}`}
            className="grow"
            list="folder-hints"
            placeholder={placeholder}
          />
        </ListEntry>
      ))}
      <AddEntry onAdd={() => paths.append({ path: '' })}>Add path</AddEntry>
    </fieldset>
  );
}

/** Folder names of the repository's root as suggestions; silent when the listing is unavailable. */
function FolderHints({ projectId, repoName }: { projectId: string; repoName: string }) {
  const nodes = useNodes(projectId, repoName, '/', 1, 100);
  return (
    <datalist id="folder-hints">
      {(nodes.data?.records ?? [])
        .filter((node) => node.folder)
        .map((node) => (
          <option key={node.fullPath} value={node.fullPath} />
        ))}
    </datalist>
  );
}
