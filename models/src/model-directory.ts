import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddingBagWeights } from '../../widget/src/inference/embedding-bag.js';
import type { IntentModelConfig, SupportWidgetModelConfig } from '../../widget/src/inference/intent-model.js';
import { embeddingBagOnnx } from './onnx-export.js';

export interface ModelDirectoryContents {
  labels: readonly string[];
  tokenizerJson: object;
  tokenizerConfig: object;
  /** Final weights with the temperature folded into the classifier. */
  weights: EmbeddingBagWeights;
  supportWidget: SupportWidgetModelConfig;
  metrics: object;
  card: string;
}

/**
 * Writes a model in the standard transformers.js layout: `config.json`
 * (a BERT-type sequence classifier as far as transformers.js is concerned,
 * fp32 ONNX), `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`,
 * plus `metrics.json` and the model card `README.md`.
 */
export function writeModelDirectory(dir: string, c: ModelDirectoryContents): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const config: IntentModelConfig & Record<string, unknown> = {
    architectures: ['BertForSequenceClassification'],
    model_type: 'bert',
    problem_type: 'single_label_classification',
    num_labels: c.labels.length,
    id2label: Object.fromEntries(c.labels.map((l, i) => [String(i), l])),
    label2id: Object.fromEntries(c.labels.map((l, i) => [l, i])),
    max_position_embeddings: (c.tokenizerConfig as { model_max_length: number }).model_max_length,
    'transformers.js_config': { dtype: 'fp32' },
    support_widget: c.supportWidget,
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(c.tokenizerJson));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify(c.tokenizerConfig, null, 2) + '\n');
  writeFileSync(join(dir, 'onnx', 'model.onnx'), embeddingBagOnnx(c.weights, c.labels.length));
  writeFileSync(join(dir, 'metrics.json'), JSON.stringify(c.metrics, null, 2) + '\n');
  writeFileSync(join(dir, 'README.md'), c.card);
}
