import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// House rule 12: the rows of the run state machine are written by lib/executions only. Everyone
// else calls its operations, so the one race policy and the wake-up cannot be bypassed.

const root = path.resolve(__dirname, '../..');
const OWNER = path.join('lib', 'executions') + path.sep;
const SCANNED = ['app', 'lib', 'components', 'scripts', 'instrumentation.ts'];

const WRITES = [
  // Drizzle: db.insert(executions), tx.update(executionDetails), db.delete(executions)…
  /\.(insert|update|delete)\(\s*(executions|executionDetails)\s*\)/,
  // Raw SQL, with the table named or interpolated: insert into executions, update ${executionDetails}…
  /\b(insert\s+into|update|delete\s+from)\s+("?execution_details"?|"?executions"?|\$\{\s*(executions|executionDetails)\s*\})(\s|$|\()/i,
  // Renaming the table on import would hide the writes above.
  /\b(executions|executionDetails)\s+as\s+\w+/,
];

function writesExecutionTables(source: string): string | undefined {
  for (const line of source.split('\n')) {
    if (WRITES.some((pattern) => pattern.test(line))) return line.trim();
  }
  return undefined;
}

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (!statSync(full, { throwIfNoEntry: false })) return [];
  if (statSync(full).isFile()) return [entry];
  return readdirSync(full).flatMap((name) => (name === 'node_modules' || name.startsWith('.') ? [] : sourceFiles(path.join(entry, name))));
}

describe('ownership of the executions tables', () => {
  it('recognises each kind of write it guards against', () => {
    expect(writesExecutionTables('await tx.update(executions).set({ status })')).toBeDefined();
    expect(writesExecutionTables('await db.insert(executionDetails).values(rows)')).toBeDefined();
    expect(writesExecutionTables('db.delete( executions )')).toBeDefined();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template literal is what is scanned
    expect(writesExecutionTables('sql`update ${executions} set status = 1`')).toBeDefined();
    expect(writesExecutionTables("client.query('DELETE FROM execution_details WHERE id = $1')")).toBeDefined();
    expect(writesExecutionTables('insert into "executions" (id) values (1)')).toBeDefined();
    expect(writesExecutionTables("import { executions as runs } from '../db/schema';")).toBeDefined();
    expect(writesExecutionTables('await db.select().from(executions)')).toBeUndefined();
    expect(writesExecutionTables('update the executions list when it changes')).toBeUndefined();
  });

  it('finds no write to executions or execution_details outside lib/executions', () => {
    const files = SCANNED.flatMap(sourceFiles).filter(
      (file) => /\.(ts|tsx|mjs|js)$/.test(file) && !file.endsWith('.test.ts') && !file.startsWith(OWNER),
    );
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) => {
      const line = writesExecutionTables(readFileSync(path.join(root, file), 'utf8'));
      return line ? [`${file}: ${line}`] : [];
    });
    expect(offenders).toEqual([]);
  });
});
