/** The JSON log lines in a process's output (Next.js and the AWS SDK print a few plain lines of their own). */
export function jsonLogLines(output: string): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // the last line of a live process may still be partial
    }
  }
  return lines;
}
