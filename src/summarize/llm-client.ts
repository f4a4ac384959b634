/**
 * A minimal client of the OpenAI-compatible `POST {baseUrl}/chat/completions` API
 * (served by OpenAI, vLLM, llama.cpp's server, Ollama, LiteLLM and others): one
 * request with a timeout; retried with exponential backoff after 429, 5xx, a timeout
 * or a network failure (a Retry-After header wins, capped); any other answer, or the
 * last failure, is an E_LLM error naming the endpoint and what went wrong. The
 * response body is untrusted: it is parsed and checked, never assumed.
 */
import { NewsdigestError } from '../errors.js';
import type { LlmOptions } from './options.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ResolvedLlmOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  maxInputChars: number;
}

const MAX_RETRY_AFTER_MS = 30_000;

/** Options completed from the environment; an E_LLM error when no endpoint or model is known. */
export function resolveLlmOptions(
  options: LlmOptions = {},
  env: Record<string, string | undefined> = process.env,
): ResolvedLlmOptions {
  const baseUrl = options.baseUrl ?? env['NEWSDIGEST_LLM_BASE_URL'];
  const model = options.model ?? env['NEWSDIGEST_LLM_MODEL'];
  if (!baseUrl) {
    throw new NewsdigestError(
      'E_LLM',
      'NEWSDIGEST_LLM_BASE_URL',
      'no LLM endpoint given (option llm.baseUrl or the environment)',
    );
  }
  if (!model)
    throw new NewsdigestError(
      'E_LLM',
      'NEWSDIGEST_LLM_MODEL',
      'no LLM model given (option llm.model or the environment)',
    );
  const apiKey = options.apiKey ?? env['NEWSDIGEST_LLM_API_KEY'];
  return {
    baseUrl,
    model,
    ...(apiKey ? { apiKey } : {}),
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: options.retries ?? 3,
    backoffMs: options.backoffMs ?? 500,
    maxInputChars: options.maxInputChars ?? 12_000,
  };
}

export function completionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
}

/** Whether a status is worth another attempt. */
function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(date - Date.now(), 0), MAX_RETRY_AFTER_MS);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The assistant's text from a chat-completions response body. */
export function parseCompletion(body: unknown, input: string): string {
  const choices = (body as { choices?: unknown } | null)?.choices;
  const first = Array.isArray(choices)
    ? (choices[0] as { message?: { content?: unknown } } | undefined)
    : undefined;
  const content = first?.message?.content;
  if (typeof content !== 'string') {
    throw new NewsdigestError('E_LLM', input, 'the response has no choices[0].message.content string');
  }
  return content;
}

/** Sends one chat and returns the reply text. */
export async function chatCompletion(options: ResolvedLlmOptions, messages: ChatMessage[]): Promise<string> {
  const url = completionsUrl(options.baseUrl);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.apiKey) headers['authorization'] = `Bearer ${options.apiKey}`;
  const body = JSON.stringify({ model: options.model, messages, temperature: 0 });
  let lastProblem = '';
  let attempts = 0;
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    attempts++;
    let wait = options.backoffMs * 2 ** attempt;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (response.ok) {
        let parsed: unknown;
        try {
          parsed = await response.json();
        } catch {
          throw new NewsdigestError('E_LLM', url, 'the response is not JSON');
        }
        return parseCompletion(parsed, url);
      }
      const detail = (await response.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ');
      lastProblem = `HTTP ${response.status}${detail ? ` (${detail})` : ''}`;
      if (!retryable(response.status)) break;
      wait = retryAfterMs(response.headers.get('retry-after')) ?? wait;
    } catch (e) {
      if (e instanceof NewsdigestError) throw e;
      const err = e as Error;
      lastProblem =
        err.name === 'TimeoutError' || err.name === 'AbortError'
          ? `no answer within ${options.timeoutMs} ms`
          : `request failed (${err.message})`;
    }
    if (attempt < options.retries) await sleep(wait);
  }
  throw new NewsdigestError(
    'E_LLM',
    url,
    `${lastProblem}${attempts > 1 ? ` after ${attempts} attempts` : ''}`,
  );
}
