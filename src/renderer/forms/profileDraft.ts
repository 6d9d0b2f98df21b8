// The profile form's rules are the contract's schemas, so the form says exactly what the engine
// would refuse, in the same words.
import type { z } from 'zod';
import { DisplayName, FullName } from '../../shared/models/profile';

export interface ProfileDraft {
  readonly displayName: string;
  readonly fullName: string;
  /** A data URI the engine accepts, or null for no picture. */
  readonly image: string | null;
}

export type ProfileField = 'displayName' | 'fullName';
export type ProfileErrors = Partial<Record<ProfileField, string>>;

export const EMPTY_DRAFT: ProfileDraft = { displayName: '', fullName: '', image: null };

const schemas: Record<ProfileField, z.ZodType<string, string>> = {
  displayName: DisplayName,
  fullName: FullName,
};

export function fieldError(field: ProfileField, value: string): string | undefined {
  const result = schemas[field].safeParse(value);
  if (result.success) return undefined;
  const message = result.error.issues[0]?.message ?? 'invalid';
  return message.charAt(0).toUpperCase() + message.slice(1) + '.';
}

export function validateDraft(draft: ProfileDraft): ProfileErrors {
  const errors: ProfileErrors = {};
  for (const field of ['displayName', 'fullName'] as const) {
    const error = fieldError(field, draft[field]);
    if (error) errors[field] = error;
  }
  return errors;
}

export function hasErrors(errors: ProfileErrors): boolean {
  return Object.keys(errors).length > 0;
}
