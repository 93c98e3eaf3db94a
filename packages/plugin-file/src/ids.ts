import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Finds `name` in a passwd/group style file (`name:x:ID:...`) and returns field 2, the id.
 * Missing files count as "not found": the getent fallback may still know the name.
 */
async function fromFile(file: string, name: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields[2] !== undefined && /^\d+$/.test(fields[2])) return Number(fields[2]);
  }
  return undefined;
}

/** Asks NSS (LDAP, sssd, systemd-homed…) through `getent`, for names not in the local files. */
async function fromGetent(db: 'passwd' | 'group', name: string): Promise<number | undefined> {
  try {
    const { stdout } = await run('getent', [db, name], { timeout: 5000 });
    const id = stdout.split(':')[2];
    return id !== undefined && /^\d+$/.test(id) ? Number(id) : undefined;
  } catch {
    return undefined; // exit 2 is "not found"; a missing getent is the same to us
  }
}

async function resolve(db: 'passwd' | 'group', what: string, value: string | number): Promise<number> {
  if (typeof value === 'number') return value;
  if (/^\d+$/.test(value)) return Number(value);
  const id = (await fromFile(`/etc/${db}`, value)) ?? (await fromGetent(db, value));
  if (id === undefined) throw new Error(`unknown ${what} ${JSON.stringify(value)} (not in /etc/${db} nor known to getent)`);
  return id;
}

/** A user name or numeric id as a uid. Read fresh each time: accounts may be created by a resource. */
export const resolveUid = (owner: string | number): Promise<number> => resolve('passwd', 'user', owner);

/** A group name or numeric id as a gid. */
export const resolveGid = (group: string | number): Promise<number> => resolve('group', 'group', group);
