import { newDocumentId, parseDocumentId } from '../../../src/util/ids';

describe('document ids', () => {
  it('are random version 4 GUIDs: 32 lowercase hex characters', () => {
    const ids = Array.from({ length: 50 }, newDocumentId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
    expect(new Set(ids).size).toBe(50);
  });
  it.each([
    ['6A5EC3C0E1A54B8F8D4B43D0D5D6A1A1', '6a5ec3c0e1a54b8f8d4b43d0d5d6a1a1'],
    ['6a5ec3c0-e1a5-4b8f-8d4b-43d0d5d6a1a1', '6a5ec3c0e1a54b8f8d4b43d0d5d6a1a1'],
    ['{6a5ec3c0-e1a5-4b8f-8d4b-43d0d5d6a1a1}', '6a5ec3c0e1a54b8f8d4b43d0d5d6a1a1'],
  ])('parse %s like a .NET Guid', (raw, id) => expect(parseDocumentId(raw)).toBe(id));
  it.each(['abc', '6a5ec3c0e1a54b8f8d4b43d0d5d6a1a', 'zz5ec3c0e1a54b8f8d4b43d0d5d6a1a1'])('reject %s', (raw) => expect(parseDocumentId(raw)).toBeUndefined());
});
