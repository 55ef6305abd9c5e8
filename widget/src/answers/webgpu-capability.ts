/** The parts of WebGPU the capability check reads (the DOM typings do not ship WebGPU's). */
interface GpuAdapterLike {
  readonly features: ReadonlySet<string>;
  readonly limits: { readonly maxStorageBufferBindingSize: number; readonly maxBufferSize: number };
  readonly info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<GpuAdapterLike | null>;
}

/** What this device's WebGPU offers, as far as running a local LLM goes. */
export interface GpuCapability {
  webgpu: boolean;
  adapter?: {
    vendor: string;
    architecture: string;
    description: string;
    /** A CPU rasteriser (SwiftShader and the like): it works, but far too slowly for an LLM. */
    software: boolean;
  };
  features: string[];
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
}

/** Asks the browser for a WebGPU adapter and reports what it can do. Never throws. */
export async function probeWebGpu(gpu: GpuLike | null | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu): Promise<GpuCapability> {
  const none: GpuCapability = { webgpu: false, features: [], maxStorageBufferBindingSize: 0, maxBufferSize: 0 };
  if (!gpu) return none;
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    return none;
  }
  if (!adapter) return none;
  const info = adapter.info ?? {};
  const vendor = info.vendor ?? '';
  const architecture = info.architecture ?? '';
  const description = info.description || info.device || '';
  const software =
    info.isFallbackAdapter === true ||
    adapter.isFallbackAdapter === true ||
    /swiftshader|llvmpipe|lavapipe|software|microsoft basic/i.test(`${vendor} ${architecture} ${description}`);
  return {
    webgpu: true,
    adapter: { vendor, architecture, description, software },
    features: [...adapter.features].sort(),
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
  };
}

export interface LlmRequirements {
  /** web-llm's small ("low resource") models need 128 MiB storage buffers; larger ones 1 GiB. */
  minStorageBufferBindingSize: number;
  /** e.g. `shader-f16` for q4f16 model libraries. */
  requiredFeatures: string[];
  /** Let a software adapter run it anyway (tests, demos); never for visitors. */
  allowSoftwareAdapter: boolean;
}

export const SMALL_LLM_REQUIREMENTS: LlmRequirements = {
  minStorageBufferBindingSize: 128 * 1024 * 1024,
  requiredFeatures: [],
  allowSoftwareAdapter: false,
};

/** Whether a web-llm model with `requirements` can run here, and if not, why (in words a site owner can read). */
export function canRunLlm(capability: GpuCapability, requirements: LlmRequirements = SMALL_LLM_REQUIREMENTS): { ok: true } | { ok: false; reason: string } {
  if (!capability.webgpu || !capability.adapter) return { ok: false, reason: 'this browser has no WebGPU adapter' };
  if (capability.adapter.software && !requirements.allowSoftwareAdapter) {
    return { ok: false, reason: `the only GPU adapter is a software one (${capability.adapter.description || capability.adapter.vendor || 'fallback'})` };
  }
  const missing = requirements.requiredFeatures.filter((f) => !capability.features.includes(f));
  if (missing.length) return { ok: false, reason: `the GPU lacks ${missing.join(', ')}` };
  if (capability.maxStorageBufferBindingSize < requirements.minStorageBufferBindingSize) {
    const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;
    return { ok: false, reason: `storage buffers are limited to ${mib(capability.maxStorageBufferBindingSize)}, the model needs ${mib(requirements.minStorageBufferBindingSize)}` };
  }
  return { ok: true };
}
