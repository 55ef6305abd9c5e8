/** Worker side of {@link trainMembers}: trains one member per message and posts it back. */
import { parentPort } from 'node:worker_threads';
import { trainLexicalHead } from './lexical-head-trainer.js';
import type { PackedJob, TrainedMember, WorkerReply } from './member-pool.js';
import { trainEmbeddingBag, type TrainingExample } from './trainer.js';

const port = parentPort!;
port.on('message', (job: PackedJob) => {
  const examples: TrainingExample[] = Array.from(job.labels, (label, i) => ({ ids: job.ids.subarray(job.offsets[i]!, job.offsets[i + 1]!), label }));
  let member: TrainedMember;
  let buffers: ArrayBuffer[];
  if (job.kind === 'lexical') {
    const { head, bias } = trainLexicalHead(examples, job.classes, job.features, job.options);
    member = { kind: 'lexical', head, bias };
    buffers = [head.tokenRows, head.tokenMass, head.ngramRows, bias].map((a) => a.buffer as ArrayBuffer);
  } else {
    const weights = trainEmbeddingBag(examples, job.classes, job.features, {
      ...job.options,
      onEpoch: (epoch, loss) => port.postMessage({ type: 'epoch', index: job.index, epoch, loss } satisfies WorkerReply),
    });
    member = { kind: 'bag', weights };
    buffers = [weights.embeddings, weights.bigramEmbeddings, weights.weight, weights.bias].map((a) => a.buffer as ArrayBuffer);
  }
  port.postMessage({ type: 'done', index: job.index, member } satisfies WorkerReply, buffers);
});
