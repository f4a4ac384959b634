/** The shipped cue tagger handed to worker threads in shared memory: the same weights, the same quotes. */
import { readFileSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { digest } from '../../src/digest.js';
import { modelFile } from '../../src/models.js';
import {
  loadTagger,
  type SharedCueTagger,
  shareShippedTagger,
  useSharedTagger,
} from '../../src/quotes/cue-tagger.js';

/** Whether two float arrays hold the same bits (toEqual walks 786,432 elements far too slowly). */
function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

const page = readFileSync(new URL('../fixtures/quotes/story-general/page.txt', import.meta.url), 'utf8');

describe('shared cue tagger', () => {
  it('holds the file weights in shared memory and crosses a message port without a copy', () => {
    const shared = shareShippedTagger()!;
    expect(shared.weights.buffer).toBeInstanceOf(SharedArrayBuffer);
    const fromFile = loadTagger(modelFile('quotes', 'cue-tagger.json'));
    expect(sameBits(shared.weights, fromFile.weights)).toBe(true);
    expect(new Set(shared.candidates)).toEqual(fromFile.candidates);
    expect(shared.transitions).toEqual(Array.from(fromFile.transitions));
    expect([shared.combine, shared.bias, shared.fallback, shared.syntax]).toEqual([
      fromFile.combine,
      fromFile.bias,
      fromFile.fallback,
      fromFile.syntax,
    ]);
    // As a worker receives it: the same memory, seen through a structured clone.
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(shared);
    const received = receiveMessageOnPort(port2)!.message as SharedCueTagger;
    port1.close();
    received.weights[0] = received.weights[0]! + 1;
    expect(shared.weights[0]).toBe(received.weights[0]);
    received.weights[0] = received.weights[0]! - 1;
    expect(sameBits(shared.weights, fromFile.weights)).toBe(true);
  });

  it('gives the same quotes as the tagger a thread loads itself', async () => {
    const before = await digest(page);
    expect(before.quotes?.length).toBeGreaterThan(0);
    useSharedTagger(shareShippedTagger()!);
    const after = await digest(page);
    expect(after.quotes).toEqual(before.quotes);
  });

  it('refuses weights of the wrong size', () => {
    const shared = shareShippedTagger()!;
    expect(() => useSharedTagger({ ...shared, weights: new Float32Array(12) })).toThrow(/shared weights/);
  });
});
