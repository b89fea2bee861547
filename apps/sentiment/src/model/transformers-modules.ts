import type { AutoConfig, AutoTokenizer, env } from '@xenova/transformers';
import type { OrtModule } from './onnx-text-classifier.js';

export type HubProgress = { status: string; file?: string; progress?: number };

/** The parts of @xenova/transformers 2.17 the sentiment model uses. */
export interface TransformersModules {
  env: typeof env;
  AutoTokenizer: typeof AutoTokenizer;
  AutoConfig: typeof AutoConfig;
  /** onnxruntime-node, the module transformers.js runs its own sessions with. */
  ONNX: OrtModule;
  /** A model file from a local directory or the hub (cached), as the pipelines fetch it. */
  getModelFile(model: string, file: string, fatal: boolean, options: { progress_callback: (p: HubProgress) => void }): Promise<Uint8Array>;
}

/**
 * Source files of the pinned package, not its index: the index also loads the pipelines, the
 * image and audio processors and sharp (libvips), ~7 MB resident and 4 MB of heap that the app
 * never uses. The package has no exports map, so its files are importable; TypeScript has no
 * declarations for them (the package's types describe the index), hence specifiers in variables.
 */
const FILES = {
  env: '@xenova/transformers/src/env.js',
  tokenizers: '@xenova/transformers/src/tokenizers.js',
  configs: '@xenova/transformers/src/configs.js',
  onnx: '@xenova/transformers/src/backends/onnx.js',
  hub: '@xenova/transformers/src/utils/hub.js',
} as const;

export async function importTransformers(): Promise<TransformersModules> {
  const [envModule, tokenizers, configs, onnx, hub] = (await Promise.all([
    import(FILES.env),
    import(FILES.tokenizers),
    import(FILES.configs),
    import(FILES.onnx),
    import(FILES.hub),
  ])) as [
    { env: TransformersModules['env'] },
    { AutoTokenizer: TransformersModules['AutoTokenizer'] },
    { AutoConfig: TransformersModules['AutoConfig'] },
    { ONNX: OrtModule },
    Pick<TransformersModules, 'getModelFile'>,
  ];
  return {
    env: envModule.env,
    AutoTokenizer: tokenizers.AutoTokenizer,
    AutoConfig: configs.AutoConfig,
    ONNX: onnx.ONNX,
    getModelFile: hub.getModelFile,
  };
}
