/// <reference lib="webworker" />
import { hostEngine, type HostedEngine } from '../src/answers/llm-worker-host.js';
import { DeterministicEngine } from './answers-deterministic-engine.js';

// The production worker's wiring with the deterministic engine in place of web-llm's MLCEngine.
hostEngine(self as unknown as DedicatedWorkerGlobalScope, new DeterministicEngine() as unknown as HostedEngine);
