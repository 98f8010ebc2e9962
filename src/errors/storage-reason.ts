/** Why the data store could not be read or written: the system's error in words a user can act on (the 503's detail). */
export function storageReason(err: unknown): string {
  const code = (err as { code?: string } | undefined)?.code;
  if (code === 'ENOSPC') return 'no space is left on the device';
  if (code === 'EFBIG') return 'the file has reached the largest size this process may write';
  if (code === 'EDQUOT') return 'the disk quota is used up';
  if (code === 'EIO') return 'the device reported an input/output error';
  return err instanceof Error ? err.message : String(err);
}
