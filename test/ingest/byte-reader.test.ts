import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../src/ingest/byte-reader.js';

async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('ByteReader', () => {
  it('reads lines, exact lengths and skips across chunk boundaries', async () => {
    const reader = new ByteReader(chunks('one\ntwo\r\n0123456789abcdefXYZ\nlast', 3));
    expect((await reader.readLine(100))?.toString()).toBe('one\n');
    expect((await reader.readLine(100))?.toString()).toBe('two\r\n');
    expect((await reader.read(10)).toString()).toBe('0123456789');
    expect(await reader.skip(6)).toBe(6);
    expect((await reader.readLine(100))?.toString()).toBe('XYZ\n');
    expect(reader.offset).toBe(29);
    expect((await reader.readLine(100))?.toString()).toBe('last');
    expect(await reader.readLine(100)).toBeNull();
    expect(await reader.atEnd()).toBe(true);
  });

  it('returns what is left when the stream ends early', async () => {
    const reader = new ByteReader(chunks('short', 2));
    expect((await reader.read(50)).toString()).toBe('short');
    expect(await reader.skip(10)).toBe(0);
  });

  it('skips a line longer than the limit, reporting it, wherever the chunks fall', async () => {
    for (const size of [3, 8, 64, 1000]) {
      const reader = new ByteReader(chunks(`ok\n${'x'.repeat(100)}\nnext\n`, size));
      expect((await reader.readLine(50))?.toString()).toBe('ok\n');
      await expect(reader.readLine(50)).rejects.toThrow(RangeError);
      expect((await reader.readLine(50))?.toString()).toBe('next\n');
      expect(reader.offset).toBe(109);
    }
  });
});
