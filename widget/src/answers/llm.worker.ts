/// <reference lib="webworker" />
import { hostEngine } from './llm-worker-host.js';

// web-llm's MLCEngine on WebGPU, in its own worker so the page never waits on the model.
hostEngine(self as unknown as DedicatedWorkerGlobalScope);
