import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewsdigestError } from '../../src/errors.js';
import {
  chatCompletion,
  type ResolvedLlmOptions,
  resolveLlmOptions,
} from '../../src/summarize/llm-client.js';
import { failure as error, type FakeLlm, ok, startFakeLlm } from './fake-llm-server.js';

let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(() => fake.close());

const options = (extra: Partial<ResolvedLlmOptions> = {}): ResolvedLlmOptions => ({
  baseUrl: fake.baseUrl,
  model: 'test-model',
  apiKey: 'k-123',
  timeoutMs: 2000,
  retries: 2,
  backoffMs: 1,
  maxInputChars: 1000,
  ...extra,
});

describe('chatCompletion', () => {
  it('sends the model, messages and key, and returns the reply', async () => {
    fake.reset([ok('first line\nsecond line')]);
    const reply = await chatCompletion(options(), [{ role: 'user', content: 'hi' }]);
    expect(reply).toBe('first line\nsecond line');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.auth).toBe('Bearer k-123');
    expect(fake.requests[0]!.body.model).toBe('test-model');
    expect(fake.requests[0]!.body.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('retries after 429 and 5xx, then succeeds', async () => {
    fake.reset([error(429, 'slow down'), error(503, 'busy'), ok('done')]);
    expect(await chatCompletion(options(), [{ role: 'user', content: 'x' }])).toBe('done');
    expect(fake.requests).toHaveLength(3);
  });

  it('honours a Retry-After of 0 seconds', async () => {
    fake.reset([{ ...error(429, 'wait'), headers: { 'retry-after': '0' } }, ok('after wait')]);
    expect(await chatCompletion(options({ backoffMs: 60_000 }), [{ role: 'user', content: 'x' }])).toBe(
      'after wait',
    );
  });

  it('gives up after the last retry with an E_LLM error naming the endpoint and status', async () => {
    fake.reset([error(500, 'broken')]);
    const err = await chatCompletion(options(), [{ role: 'user', content: 'x' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NewsdigestError);
    expect((err as NewsdigestError).code).toBe('E_LLM');
    expect((err as NewsdigestError).input).toBe(`${fake.baseUrl}/chat/completions`);
    expect((err as NewsdigestError).message).toMatch(/HTTP 500.*broken.*after 3 attempts/);
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a client error such as 401', async () => {
    fake.reset([error(401, 'bad key')]);
    const err = (await chatCompletion(options(), [{ role: 'user', content: 'x' }]).catch(
      (e: unknown) => e,
    )) as NewsdigestError;
    expect(err.message).toMatch(/HTTP 401/);
    expect(fake.requests).toHaveLength(1);
  });

  it('times out a slow answer', async () => {
    fake.reset([{ ...ok('late'), delayMs: 500 }]);
    const err = (await chatCompletion(options({ timeoutMs: 50, retries: 0 }), [
      { role: 'user', content: 'x' },
    ]).catch((e: unknown) => e)) as NewsdigestError;
    expect(err.code).toBe('E_LLM');
    expect(err.message).toMatch(/no answer within 50 ms/);
  });

  it('rejects a 200 answer that is not a chat completion', async () => {
    fake.reset([{ status: 200, body: { choices: [] } }]);
    const err = (await chatCompletion(options(), [{ role: 'user', content: 'x' }]).catch(
      (e: unknown) => e,
    )) as NewsdigestError;
    expect(err.message).toMatch(/choices\[0\]\.message\.content/);
    fake.reset([{ status: 200, body: 'not json' }]);
    const err2 = (await chatCompletion(options(), [{ role: 'user', content: 'x' }]).catch(
      (e: unknown) => e,
    )) as NewsdigestError;
    expect(err2.message).toMatch(/not JSON/);
  });
});

describe('resolveLlmOptions', () => {
  it('takes unset fields from the environment', () => {
    const env = {
      NEWSDIGEST_LLM_BASE_URL: 'http://h/v1',
      NEWSDIGEST_LLM_MODEL: 'm',
      NEWSDIGEST_LLM_API_KEY: 'k',
    };
    expect(resolveLlmOptions({}, env)).toMatchObject({ baseUrl: 'http://h/v1', model: 'm', apiKey: 'k' });
    expect(resolveLlmOptions({ model: 'other' }, env).model).toBe('other');
  });

  it('is an E_LLM error without an endpoint or a model', () => {
    expect(() => resolveLlmOptions({}, {})).toThrow(/no LLM endpoint/);
    expect(() => resolveLlmOptions({ baseUrl: 'http://h' }, {})).toThrow(/no LLM model/);
  });
});
