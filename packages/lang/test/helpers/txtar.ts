/** A txtar archive (the Go tools' format): a comment, then `-- name --` sections. */
export interface Archive {
  comment: string;
  files: { name: string; data: string }[];
}

const MARKER = /^-- (.+?) --$/;

export function parseTxtar(text: string): Archive {
  const archive: Archive = { comment: '', files: [] };
  let current: { name: string; data: string } | undefined;
  for (const line of text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined)) {
    const m = MARKER.exec(line);
    if (m) archive.files.push((current = { name: m[1]!, data: '' }));
    else if (current) current.data += `${line}\n`;
    else archive.comment += `${line}\n`;
  }
  return archive;
}

export function formatTxtar(archive: Archive): string {
  const fix = (s: string) => (s === '' || s.endsWith('\n') ? s : `${s}\n`);
  return fix(archive.comment) + archive.files.map((f) => `-- ${f.name} --\n${fix(f.data)}`).join('');
}
