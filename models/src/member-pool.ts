import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EmbeddingBagWeights } from '../../widget/src/inference/embedding-bag.js';
import type { LexicalHead } from '../../widget/src/inference/lexical-head.js';
import type { LexicalTrainOptions } from './lexical-head-trainer.js';
import type { SubwordFeatures } from './subword-features.js';
import type { TrainingExample, TrainOptions } from './trainer.js';

/** What a job trains: an embedding-bag ensemble member ({@link trainEmbeddingBag}) or the lexical head ({@link trainLexicalHead}). */
type MemberTask = { kind: 'bag'; options: Omit<TrainOptions, 'onEpoch'> } | { kind: 'lexical'; options: LexicalTrainOptions };

/** One part of the model to train, minus callbacks. */
export type MemberJob = MemberTask & {
  /** Shown in progress lines ("calibration member 1"). */
  name: string;
  examples: readonly TrainingExample[];
  classes: number;
  features: SubwordFeatures;
};

/** A job as posted to a worker: examples packed into typed arrays (structured clone of thousands of small objects is slow). */
export type PackedJob = MemberTask & {
  index: number;
  ids: Int32Array;
  offsets: Int32Array;
  labels: Int32Array;
  classes: number;
  features: SubwordFeatures;
};

export type TrainedMember = { kind: 'bag'; weights: EmbeddingBagWeights } | { kind: 'lexical'; head: LexicalHead; bias: Float32Array };

export type WorkerReply = { type: 'epoch'; index: number; epoch: number; loss: number } | { type: 'done'; index: number; member: TrainedMember };

function pack(job: MemberJob, index: number): PackedJob {
  const { name: _name, examples, ...task } = job;
  const offsets = new Int32Array(examples.length + 1);
  examples.forEach((e, i) => (offsets[i + 1] = offsets[i]! + e.ids.length));
  const ids = new Int32Array(offsets[examples.length]!);
  examples.forEach((e, i) => ids.set(e.ids, offsets[i]));
  return { ...task, index, ids, offsets, labels: Int32Array.from(examples, (e) => e.label) };
}

/** Starts a worker running `member.worker.ts` through tsx's loader (training runs from TypeScript sources). */
function startWorker(): Worker {
  const loader = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./member.worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, {
    eval: true,
  });
}

/**
 * Trains independent members on worker threads, as many at once as the
 * machine has cores: members share nothing while they learn, so an ensemble
 * of three plus a calibration member takes two members' time on two cores.
 * Results come back in job order and are the same whatever the core count.
 */
export async function trainMembers(jobs: readonly MemberJob[], log: (line: string) => void = () => {}): Promise<TrainedMember[]> {
  const results: TrainedMember[] = new Array(jobs.length);
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= jobs.length) {
          resolve();
          return;
        }
        const index = next++;
        worker.postMessage(pack(jobs[index]!, index));
      };
      worker.on('message', (reply: WorkerReply) => {
        const job = jobs[reply.index]!;
        if (reply.type === 'epoch') log(`${job.name}: epoch ${reply.epoch + 1}/${job.options.epochs} loss ${reply.loss.toFixed(4)}`);
        else {
          results[reply.index] = reply.member;
          send();
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (next < jobs.length || code !== 0 ? reject(new Error(`training worker exited with code ${code}`)) : undefined));
      send();
    });
  const workers = Array.from({ length: Math.min(jobs.length, availableParallelism()) }, startWorker);
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
