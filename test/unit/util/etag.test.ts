import { createStamper, lastModifiedDate, odsEtag } from '../../../src/util/etag';

describe('ODS ETag and _lastModifiedDate', () => {
  it('computes .NET DateTime.ToBinary() of the UTC time (reference example)', () => {
    expect(odsEtag({ ms: Date.parse('2024-01-13T02:11:20.556Z'), tick: 6791 })).toBe('5250093105232954695');
  });

  it.each([
    [{ ms: Date.parse('2024-01-13T02:11:20.556Z'), tick: 6791 }, '2024-01-13T02:11:20.5566791Z'],
    [{ ms: Date.parse('2024-01-13T02:11:20.500Z'), tick: 0 }, '2024-01-13T02:11:20.5Z'],
    [{ ms: Date.parse('2024-01-13T02:11:20.000Z'), tick: 0 }, '2024-01-13T02:11:20Z'],
  ])('formats %o as %s (7 digits, trailing zeros trimmed)', (stamp, text) => {
    expect(lastModifiedDate(stamp)).toBe(text);
  });

  it('hands out strictly increasing stamps even within one millisecond', () => {
    const stamp = createStamper(() => 1000);
    const a = stamp();
    const b = stamp();
    expect(BigInt(odsEtag(b))).toBeGreaterThan(BigInt(odsEtag(a)));
  });
});
