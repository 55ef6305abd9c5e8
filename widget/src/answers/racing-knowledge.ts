import type { KnowledgeQuery } from '../../../relay/src/knowledge/knowledge-searcher.js';
import { KnowledgeUnavailableError, type KnowledgeHits, type KnowledgeSource } from './knowledge-source.js';

export interface RacingOptions {
  /**
   * How long the relay may take before the on-device snapshot answers instead.
   * Default 30 ms: the snapshot answers in a few milliseconds, and waiting
   * longer would make the visitor wait for little more than resolved tickets.
   */
  relayBudgetMs?: number;
  /** After the relay fails, skip it for this long so no visitor waits on a dead relay. Default 30 s. */
  cooldownMs?: number;
  /** Whether the browser believes it is online; default `navigator.onLine`. */
  isOnline?: () => boolean;
  now?: () => number;
}

/**
 * The retrieval policy: the relay (full index, tickets included) when online
 * and fast; the cached snapshot when offline, slow or erroring. A relay
 * that failed is left alone for a cool-down so later turns do not pay its timeout.
 */
export class RacingKnowledgeSource implements KnowledgeSource {
  readonly name = 'racing';
  private readonly relayBudgetMs: number;
  private readonly cooldownMs: number;
  private readonly isOnline: () => boolean;
  private readonly now: () => number;
  private relayRestingUntil = 0;

  constructor(
    private readonly relay: KnowledgeSource,
    private readonly snapshot: KnowledgeSource,
    options: RacingOptions = {},
  ) {
    this.relayBudgetMs = options.relayBudgetMs ?? 30;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.isOnline = options.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine));
    this.now = options.now ?? (() => Date.now());
  }

  async search(request: KnowledgeQuery, signal?: AbortSignal): Promise<KnowledgeHits> {
    signal?.throwIfAborted();
    const relayUsable = this.isOnline() && this.now() >= this.relayRestingUntil;
    if (!relayUsable) {
      try {
        return await this.snapshot.search(request, signal);
      } catch (err) {
        // No snapshot yet: the relay is the only chance left, resting or not.
        if (!this.isOnline() || signal?.aborted) throw err;
        return this.askRelay(request, signal);
      }
    }
    return this.race(request, signal);
  }

  private async askRelay(request: KnowledgeQuery, signal?: AbortSignal): Promise<KnowledgeHits> {
    try {
      return await this.relay.search(request, signal);
    } catch (err) {
      if (err instanceof KnowledgeUnavailableError) this.relayRestingUntil = this.now() + this.cooldownMs;
      throw err;
    }
  }

  /**
   * Both sources start at once (the snapshot costs a few milliseconds on the
   * device); the relay's answer is taken if it comes within budget, the
   * snapshot's otherwise, and whichever is left if the other fails.
   */
  private race(request: KnowledgeQuery, signal?: AbortSignal): Promise<KnowledgeHits> {
    return new Promise<KnowledgeHits>((resolve, reject) => {
      let settled = false;
      let budgetSpent = false;
      let relayFailure: unknown;
      let snapshotFailure: unknown;
      let snapshotHits: KnowledgeHits | undefined;
      const finish = (hits: KnowledgeHits) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(hits);
      };
      const decide = () => {
        if (settled) return;
        if (snapshotHits && (budgetSpent || relayFailure !== undefined)) return finish(snapshotHits);
        if (relayFailure !== undefined && snapshotFailure !== undefined) {
          settled = true;
          clearTimeout(timer);
          reject(
            signal?.aborted
              ? signal.reason
              : new KnowledgeUnavailableError(this.name, 'neither the relay nor the snapshot could answer', { cause: [relayFailure, snapshotFailure] }),
          );
        }
      };
      const timer = setTimeout(() => {
        budgetSpent = true;
        decide();
      }, this.relayBudgetMs);
      this.askRelay(request, signal).then(finish, (err) => {
        relayFailure = err ?? new Error('relay failed');
        decide();
      });
      this.snapshot.search(request, signal).then(
        (hits) => {
          snapshotHits = hits;
          decide();
        },
        (err) => {
          snapshotFailure = err ?? new Error('snapshot failed');
          decide();
        },
      );
    });
  }
}
