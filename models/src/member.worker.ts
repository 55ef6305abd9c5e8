/** Worker side of {@link trainMembers}: trains one member per message and posts its weights back. */
import { parentPort } from 'node:worker_threads';
import type { PackedJob, WorkerReply } from './member-pool.js';
import { trainEmbeddingBag, type TrainingExample } from './trainer.js';

const port = parentPort!;
port.on('message', (job: PackedJob) => {
  const examples: TrainingExample[] = Array.from(job.labels, (label, i) => ({ ids: job.ids.subarray(job.offsets[i]!, job.offsets[i + 1]!), label }));
  const weights = trainEmbeddingBag(examples, job.classes, job.features, {
    ...job.options,
    onEpoch: (epoch, loss) => port.postMessage({ type: 'epoch', index: job.index, epoch, loss } satisfies WorkerReply),
  });
  const reply: WorkerReply = { type: 'done', index: job.index, weights };
  const buffers = [weights.embeddings, weights.bigramEmbeddings, weights.weight, weights.bias].map((a) => a.buffer as ArrayBuffer);
  port.postMessage(reply, buffers);
});
