/** batch: many pages through every stage on all cores, into a corpus store. */
export { type Job, type JobResult, runJob } from './digest-job.js';
export { estimateTotal } from './estimate-total.js';
export { inputHash } from './input-hash.js';
export { DigestPool, type PoolOptions } from './pool.js';
export { type IngestOptions, type IngestSummary, runIngest } from './run-ingest.js';
