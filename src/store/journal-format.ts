import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { DocumentId } from '../util/brand';
import { stampAt } from '../util/etag';
import { type ChangeRecord, type StoredDocument, descriptorRefsOf, keysOf, refsOf, storedDocument } from './document-store';
import type { MemoryStore } from './memory-store';

/**
 * The journal's record format (format 2): one line per change,
 *
 *     <CRC-32 of the rest, 8 hex digits> TAB <header JSON> TAB <body JSON text> LF
 *
 * The header is small; the body is the document's JSON text as stored, neither escaped on write nor parsed on replay
 * (JSON text never holds a raw tab, LF or U+001E), which keeps both cheap (G7, G10). The checksum finds any damaged
 * byte, a merged or split line included. Format 1 (before checksums) is still read, then rewritten as format 2.
 */
export const JOURNAL_FORMAT = 2;

/** Header of a stored version ('p'), a tombstone ('d', body: the deleted version) or a kept key change ('c', body: before U+001E after). */
interface Header {
  o: 'p' | 'd' | 'c';
  i: string;
  r?: string;
  k?: string[];
  /** Stamp: seconds and 100-ns ticks within the second. */
  s?: number;
  n?: number;
  /** Stamp in format 1: milliseconds and 100-ns ticks within the millisecond. */
  m?: number;
  t?: number;
  f?: string[];
  u?: string[];
  v?: number;
  /** Insertion position (format 2). */
  q?: number;
  /** Ownership token of the document's creator. */
  w?: string;
}

/** One decoded record. */
export type JournalRecord = { type: 'put'; doc: StoredDocument } | { type: 'delete'; tombstone: ChangeRecord } | { type: 'change'; record: ChangeRecord };

/** Ids are 32 hex characters and entity names are identifiers: only the keys need JSON escaping. */
const idList = (ids: readonly string[]): string => (ids.length ? `["${ids.join('","')}"]` : '[]');
const hex8 = (n: number): string => n.toString(16).padStart(8, '0');
const line = (payload: string): string => `${hex8(crc32(payload))}\t${payload}\n`;
const KEY_CHANGE_SEP = '\u001e';

/** The record of a stored version. */
export const putRecord = (d: StoredDocument): string =>
  line(
    `{"o":"p","i":"${d.id}","r":"${d.resource}","k":${JSON.stringify(keysOf(d))},"s":${d.sec},"n":${d.sub},"f":${idList(refsOf(d))},"u":${idList(descriptorRefsOf(d))},"v":${d.cv},"q":${d.seq}${d.owner === undefined ? '' : `,"w":${JSON.stringify(d.owner)}`}}\t${d.body}`,
  );
/** The record of a deletion, carrying the deleted version for change queries. */
export const deleteRecord = (t: ChangeRecord): string => line(`{"o":"d","i":"${t.id}","r":"${t.resource}","v":${t.cv}}\t${t.before}`);
/** A key change that a compaction keeps (the versions it was made from are gone). */
export const changeRecord = (c: ChangeRecord): string =>
  line(`{"o":"c","i":"${c.id}","r":"${c.resource}","v":${c.cv}}\t${c.before}${KEY_CHANGE_SEP}${c.after ?? ''}`);

/** Where and why a journal is damaged. */
export interface Damage {
  /** 1-based record (line) number. */
  line: number;
  /** Byte offset of the damaged line's start. */
  offset: number;
  reason: string;
}

/** What a scan found. */
export interface ScanResult {
  /** Whole, valid records before any damage. */
  records: number;
  /** Bytes of those records (the good prefix). */
  goodBytes: number;
  /** Bytes after the last newline when the journal is otherwise whole (an interrupted write). */
  tornBytes: number;
  damage?: Damage;
  /** Total size of the file. */
  size: number;
  /** The journal's format (1: before checksums). */
  format: number;
}

const HEX8 = /^[0-9a-f]{8}$/;
const ID = /^[0-9a-f]{32}$/;

function decode(header: string, body: string | undefined, lineNo: number): JournalRecord | string {
  let h: Header;
  try {
    h = JSON.parse(header) as Header;
  } catch {
    return 'its header is not JSON';
  }
  if (typeof h !== 'object' || h === null || typeof h.i !== 'string' || !ID.test(h.i)) return 'it names no document id';
  const id = h.i as DocumentId;
  // Format 1 had no change versions: the record's position stands in for one.
  const cv = typeof h.v === 'number' ? h.v : lineNo;
  if (h.o === 'p') {
    const stamp = typeof h.s === 'number' && typeof h.n === 'number' ? { sec: h.s, sub: h.n } : typeof h.m === 'number' ? stampAt(h.m, h.t ?? 0) : undefined;
    if (body === undefined || typeof h.r !== 'string' || !Array.isArray(h.k) || !stamp || !Array.isArray(h.f)) return 'it is not a whole document record';
    // The body was decoded from the file on its own: already exact, so replay does not copy it again (G10).
    const doc = storedDocument({
      id,
      resource: h.r,
      keys: h.k,
      body,
      exactBody: true,
      stamp,
      refs: h.f as DocumentId[],
      descriptorRefs: h.u as DocumentId[],
      ...(typeof h.w === 'string' ? { owner: h.w } : {}),
    });
    doc.cv = cv;
    if (typeof h.q === 'number') doc.seq = h.q;
    return { type: 'put', doc };
  }
  if (h.o === 'd') return { type: 'delete', tombstone: { type: 'deleted', cv, id, resource: h.r ?? '', before: body ?? '' } };
  if (h.o === 'c' && body !== undefined && typeof h.r === 'string') {
    const at = body.indexOf(KEY_CHANGE_SEP);
    if (at < 0) return 'it is not a whole key-change record';
    return { type: 'change', record: { type: 'key-changed', cv, id, resource: h.r, before: body.slice(0, at), after: body.slice(at + 1) } };
  }
  return 'its record type is unknown';
}

/**
 * The format of a journal, read from its first byte: format 1 records start with their JSON header, format 2 records
 * with a checksum. A rewrite (compaction) changes the whole file at once, so the file always says its own format.
 */
export function journalFormat(file: string): number {
  if (!existsSync(file)) return JOURNAL_FORMAT;
  const fd = openSync(file, 'r');
  try {
    const first = Buffer.alloc(1);
    return readSync(fd, first, 0, 1, 0) === 1 && first[0] === 0x7b ? 1 : JOURNAL_FORMAT;
  } finally {
    closeSync(fd);
  }
}

/** Reads a journal record by record, checking each checksum, until the end or the first damaged record. The file is not changed. */
export function scanJournal(file: string, onRecord: (r: JournalRecord) => void): ScanResult {
  const result: ScanResult = { records: 0, goodBytes: 0, tornBytes: 0, size: 0, format: journalFormat(file) };
  if (!existsSync(file)) return result;
  const { format } = result;
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(4 * 1024 * 1024);
  let carry = Buffer.alloc(0);
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      result.size += n;
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
        const lineNo = result.records + 1;
        const problem = readLine(data, start, nl, format, lineNo, onRecord);
        if (problem) {
          result.damage = { line: lineNo, offset: result.goodBytes, reason: problem };
          return result;
        }
        result.records++;
        result.goodBytes += nl + 1 - start;
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
    }
  } finally {
    closeSync(fd);
  }
  result.tornBytes = carry.length;
  return result;
}

/** Checks and decodes one line; returns why it is damaged, or undefined. */
function readLine(data: Buffer, start: number, end: number, format: number, lineNo: number, onRecord: (r: JournalRecord) => void): string | undefined {
  let from = start;
  if (format >= 2) {
    if (end - start < 10 || data[start + 8] !== 9) return 'it does not start with a checksum';
    const sum = data.toString('latin1', start, start + 8);
    if (!HEX8.test(sum)) return 'it does not start with a checksum';
    if (parseInt(sum, 16) !== crc32(data.subarray(start + 9, end))) return 'its checksum does not match its content';
    from = start + 9;
  }
  const tab = data.indexOf(9, from);
  const split = tab >= 0 && tab < end;
  // Header and body are decoded separately so each is a flat string of its own (no slice of the chunk).
  const decoded = decode(data.toString('utf8', from, split ? tab : end), split ? data.toString('utf8', tab + 1, end) : undefined, lineNo);
  if (typeof decoded === 'string') return decoded;
  onRecord(decoded);
  return undefined;
}

/** Applies a replayed record to a store. */
export function applyRecord(store: MemoryStore, r: JournalRecord): void {
  if (r.type === 'put') store.load(r.doc);
  else if (r.type === 'delete') store.loadDelete(r.tombstone);
  else store.loadChange(r.record);
}
