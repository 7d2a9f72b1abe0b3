'use client';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field, Input, Label } from '@/components/ui/field';
import { Progress } from '@/components/ui/progress';
import { toast } from '@/components/ui/toast';
import { getCsrfToken } from '@/lib/api-client/api-fetch';
import { uploadFile, useInvalidateNodes } from '@/lib/artifacts/hooks';
import { formatBytes } from '@/lib/format/format';
import { usePermission } from '@/lib/users/hooks';

type Upload = { name: string; loaded: number; total: number; error?: string; done?: boolean };

/** Browser upload into the current folder with a progress bar per file (XMLHttpRequest upload events). */
export function UploadPanel({ projectId, repoName, folder }: { projectId: string; repoName: string; folder: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [busy, setBusy] = useState(false);
  // Off by default, as in the API: replacing a stored file is a choice, not an accident.
  const [overwrite, setOverwrite] = useState(false);
  const refresh = useInvalidateNodes(projectId, repoName);
  const allowed = usePermission(projectId, 'MAINTAINER');

  const start = async () => {
    const files = Array.from(input.current?.files ?? []);
    if (files.length === 0) return;
    setBusy(true);
    setUploads(files.map((file) => ({ name: file.name, loaded: 0, total: file.size })));
    for (const [index, file] of files.entries()) {
      const update = (patch: Partial<Upload>) => setUploads((list) => list.map((item, i) => (i === index ? { ...item, ...patch } : item)));
      try {
        await uploadFile({
          projectId,
          repoName,
          fullPath: `${folder === '/' ? '' : folder}/${file.name}`,
          file,
          overwrite,
          csrfToken: getCsrfToken(),
          onProgress: (loaded, total) => update({ loaded, total }),
        });
        update({ done: true, loaded: file.size });
        toast(`Uploaded ${file.name}`);
      } catch (error) {
        update({ error: error instanceof Error ? error.message : String(error) });
        toast(`Upload of ${file.name} failed`, 'error');
      }
    }
    setBusy(false);
    if (input.current) input.current.value = '';
    refresh();
  };

  return (
    <div className="card stack">
      <div className="row bottom">
        <Field label={`Upload into ${folder}`} className="grow">
          <Input ref={input} type="file" multiple disabled={busy} />
        </Field>
        <Button variant="primary" onClick={start} disabled={busy} disabledReason={allowed.reason}>
          {busy ? 'Uploading…' : 'Upload'}
        </Button>
      </div>
      <div className="row">
        <Checkbox id="upload-overwrite" checked={overwrite} onCheckedChange={(value) => setOverwrite(value === true)} disabled={busy} />
        <Label htmlFor="upload-overwrite">Overwrite files that already exist</Label>
      </div>
      {uploads.map((upload) => (
        <div key={upload.name} className="stack tight" data-testid="upload-progress">
          <div className="row between">
            <span>{upload.name}</span>
            <span className="muted">
              {upload.error ? (
                <span className="text-danger">{upload.error}</span>
              ) : upload.done ? (
                'Done'
              ) : (
                `${formatBytes(upload.loaded)} of ${formatBytes(upload.total)}`
              )}
            </span>
          </div>
          <Progress value={upload.loaded} max={upload.total} label={`Upload of ${upload.name}`} />
        </div>
      ))}
    </div>
  );
}
