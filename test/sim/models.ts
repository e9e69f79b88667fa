/** GET /v1/models and /v1/models/{id} in each flavour's shape (docs/step-api-notes.md, "Models"). */
import type { Flavour } from './types';

export function defaultModels(flavour: Flavour): string[] {
  if (flavour === 'openrouter') return ['stepfun/step-3.7-flash', 'stepfun/step-3.7-flash-20260528', 'stepfun/step-3.5-flash', 'stepfun/step-3.5-flash:free'];
  if (flavour === 'vllm' || flavour === 'sglang') return ['step3p7-flash'];
  return ['step-3.7-flash', 'step-3.5-flash', 'step-3.5-flash-2603'];
}

const CREATED = 1713196800;

export function modelObject(flavour: Flavour, id: string): Record<string, unknown> {
  switch (flavour) {
    case 'stepfun':
      return { id, object: 'model', created: CREATED, owned_by: 'stepai' };
    case 'openrouter': {
      const is37 = id.includes('3.7');
      return {
        id,
        name: `StepFun: ${id.split('/')[1] ?? id}`,
        created: CREATED,
        context_length: 262144,
        pricing: { prompt: is37 ? '0.0000002' : '0.0000001', completion: is37 ? '0.00000115' : '0.0000003' },
        supported_parameters: ['max_tokens', 'temperature', 'top_p', 'tools', 'tool_choice', 'reasoning', 'include_reasoning'],
      };
    }
    default:
      return { id, object: 'model', created: CREATED, owned_by: flavour, root: id, parent: null, max_model_len: 262144 };
  }
}

export function modelList(flavour: Flavour, ids: string[]): Record<string, unknown> {
  const data = ids.map((id) => modelObject(flavour, id));
  return flavour === 'openrouter' ? { data } : { object: 'list', data };
}
