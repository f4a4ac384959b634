/**
 * Pull-style reading over a stream of byte chunks: lines, exact lengths, skips.
 * Holds only the bytes asked for plus one chunk, so a reader over a multi-GB
 * stream runs in constant memory.
 */

export class ByteReader {
  private readonly source: AsyncIterator<Uint8Array>;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private done = false;
  /** Bytes consumed so far (for messages). */
  offset = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.source = source[Symbol.asyncIterator]();
  }

  private get available(): number {
    return this.buf.length - this.pos;
  }

  /** The next chunk from the source, or undefined at its end. */
  private async pull(): Promise<Buffer | undefined> {
    if (this.done) return undefined;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return undefined;
    }
    const v = next.value;
    return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }

  /** Makes the buffer hold unread bytes (skipping empty chunks); false at the end of the stream. */
  private async fill(): Promise<boolean> {
    while (this.available === 0) {
      const chunk = await this.pull();
      if (!chunk) return false;
      this.buf = chunk;
      this.pos = 0;
    }
    return true;
  }

  /** Ends reading early, letting the source release what it holds. */
  async close(): Promise<void> {
    this.done = true;
    await this.source.return?.();
  }

  /** True when nothing is left. */
  async atEnd(): Promise<boolean> {
    return !(await this.fill());
  }

  /**
   * The bytes up to and including the next "\n" (or what is left at the end of
   * the stream); null at the end. A line longer than `max` is skipped whole (up to
   * and including its "\n") and reported by a RangeError, so reading can go on.
   */
  async readLine(max: number): Promise<Buffer | null> {
    const nl = this.buf.indexOf(10, this.pos);
    if (nl !== -1) {
      if (nl + 1 - this.pos > max) {
        this.offset += nl + 1 - this.pos;
        this.pos = nl + 1;
        throw new RangeError(`line longer than ${max} bytes`);
      }
      return this.take(nl + 1 - this.pos);
    }
    // Long lines: gather the pieces and join them once (no quadratic copying).
    const parts: Buffer[] = [];
    let have = this.available;
    if (have > 0) parts.push(this.buf.subarray(this.pos));
    this.pos = this.buf.length;
    for (;;) {
      if (have > max) {
        this.offset += have;
        await this.skipLine();
        throw new RangeError(`line longer than ${max} bytes`);
      }
      const chunk = await this.pull();
      if (!chunk) break;
      const at = chunk.indexOf(10);
      if (at !== -1) {
        parts.push(chunk.subarray(0, at + 1));
        have += at + 1;
        this.buf = chunk;
        this.pos = at + 1;
        if (have > max) {
          this.offset += have;
          throw new RangeError(`line longer than ${max} bytes`);
        }
        break;
      }
      parts.push(chunk);
      have += chunk.length;
    }
    if (have === 0) return null;
    this.offset += have;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, have);
  }

  /** Discards bytes up to and including the next "\n" (after an over-long line); false at the end. */
  async skipLine(): Promise<boolean> {
    for (;;) {
      if (!(await this.fill())) return false;
      const nl = this.buf.indexOf(10, this.pos);
      const end = nl === -1 ? this.buf.length : nl + 1;
      this.offset += end - this.pos;
      this.pos = end;
      if (nl !== -1) return true;
    }
  }

  /** Exactly `n` bytes, or fewer when the stream ends first. */
  async read(n: number): Promise<Buffer> {
    if (this.available >= n) return this.take(n);
    const parts: Buffer[] = [];
    let have = this.available;
    if (have > 0) parts.push(this.buf.subarray(this.pos));
    this.pos = this.buf.length;
    while (have < n) {
      const chunk = await this.pull();
      if (!chunk) break;
      const need = n - have;
      if (chunk.length <= need) {
        parts.push(chunk);
        have += chunk.length;
      } else {
        parts.push(chunk.subarray(0, need));
        have = n;
        this.buf = chunk;
        this.pos = need;
      }
    }
    this.offset += have;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, have);
  }

  /** Skips up to `n` bytes without keeping them; returns how many were skipped. */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if (!(await this.fill())) break;
      const step = Math.min(left, this.available);
      this.pos += step;
      this.offset += step;
      left -= step;
    }
    return n - left;
  }

  private take(n: number): Buffer {
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    this.offset += n;
    return out;
  }
}
