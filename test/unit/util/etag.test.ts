import { createStamper, lastModifiedDate, odsEtag, stampAt } from '../../../src/util/etag';

describe('ODS ETag and _lastModifiedDate', () => {
  it('computes .NET DateTime.ToBinary() of the UTC time (reference example)', () => {
    expect(odsEtag(stampAt(Date.parse('2024-01-13T02:11:20.556Z'), 6791))).toBe('5250093105232954695');
  });

  it.each([
    [stampAt(Date.parse('2024-01-13T02:11:20.556Z'), 6791), '2024-01-13T02:11:20.5566791Z'],
    [stampAt(Date.parse('2024-01-13T02:11:20.500Z')), '2024-01-13T02:11:20.5Z'],
    [stampAt(Date.parse('2024-01-13T02:11:20.000Z')), '2024-01-13T02:11:20Z'],
  ])('formats %o as %s (7 digits, trailing zeros trimmed)', (stamp, text) => {
    expect(lastModifiedDate(stamp)).toBe(text);
  });

  it('hands out strictly increasing stamps even within one millisecond', () => {
    const stamp = createStamper(() => 1000);
    const a = stamp();
    const b = stamp();
    expect(BigInt(odsEtag(b))).toBeGreaterThan(BigInt(odsEtag(a)));
  });

  it('carries into the next second when ten million writes share one', () => {
    const stamp = createStamper(() => 1999);
    let last = stamp();
    for (let i = 0; i < 20_000; i++) {
      const next = stamp();
      expect(BigInt(odsEtag(next)) > BigInt(odsEtag(last))).toBe(true);
      last = next;
    }
    expect(last).toEqual({ sec: 2, sub: 9_990_000 + 20_000 - 10_000_000 });
  });
});
