/** Applies a PATCH body according to its content type, as the API server does. */
import jsonpatch from 'fast-json-patch';
import { ApiError, badRequest, unsupportedMediaType } from '../api/status';
import { applyMergePatch } from './merge-patch';
import { applyStrategicMergePatch } from './strategic-merge';

export const PATCH_CONTENT_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export type PatchKind = keyof typeof PATCH_CONTENT_TYPES;

export function patchKindOf(contentType: string | undefined): PatchKind {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  for (const [kind, type] of Object.entries(PATCH_CONTENT_TYPES)) {
    if (type === mediaType) return kind as PatchKind;
  }
  throw unsupportedMediaType();
}

/** Returns the patched object; `original` is not modified. */
export function applyPatch(original: unknown, patch: unknown, kind: PatchKind, objectKind: string): unknown {
  switch (kind) {
    case 'json':
      return applyJsonPatch(original, patch);
    case 'merge':
      return applyMergePatch(original, patch);
    case 'strategic':
    case 'apply':
      return applyStrategicMergePatch(original, patch, objectKind);
  }
}

function applyJsonPatch(original: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch))
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  try {
    return jsonpatch.applyPatch(structuredClone(original), patch, true, true).newDocument;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ApiError(
      422,
      'Invalid',
      `the server rejected our request due to an error in our request: ${message}`,
    );
  }
}
