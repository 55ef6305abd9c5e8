/** Direction of a visitor's mood over their recent messages. */
export type SentimentTrend = 'improving' | 'steady' | 'worsening' | 'unknown';

/**
 * The trend of the last `window` sentiments (oldest first): a least-squares
 * slope, so one outlier does not flip it, and a total change of at least
 * `minDrop` between the fitted ends.
 *
 * @example
 * sentimentTrend([0.2, -0.1, -0.6]) // 'worsening'
 */
export function sentimentTrend(values: readonly number[], window = 3, minDrop = 0.3): { trend: SentimentTrend; from: number; to: number } {
  const recent = values.slice(-window);
  if (recent.length < 2) return { trend: 'unknown', from: recent[0] ?? 0, to: recent[0] ?? 0 };
  const n = recent.length;
  const meanX = (n - 1) / 2;
  const meanY = recent.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  recent.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const change = (num / den) * (n - 1);
  const from = recent[0]!;
  const to = recent[n - 1]!;
  if (change <= -minDrop) return { trend: 'worsening', from, to };
  if (change >= minDrop) return { trend: 'improving', from, to };
  return { trend: 'steady', from, to };
}
