import { z } from 'zod';

// Profile fields follow SimpleX's Profile; limits are ours and checked at every boundary.

const noControlChars = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
};

export const DisplayName = z
  .string()
  .trim()
  .min(1, 'display name is required')
  .max(100, 'display name is at most 100 characters')
  .refine(noControlChars, 'display name has control characters');

export const FullName = z
  .string()
  .trim()
  .max(200, 'full name is at most 200 characters')
  .refine(noControlChars, 'full name has control characters');

/** SimpleX caps profile pictures at 12,500 base64 characters; the renderer resizes to fit. */
export const MAX_AVATAR_CHARS = 12_500;

export const AvatarImage = z
  .string()
  .max(MAX_AVATAR_CHARS + 32, 'avatar image is too large')
  .regex(
    /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/,
    'avatar must be a PNG, JPEG or WebP data URI',
  );

export const ProfileView = z.object({
  id: z.number().int().positive(),
  displayName: z.string(),
  fullName: z.string(),
  image: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProfileView = z.infer<typeof ProfileView>;

export const NewProfile = z.strictObject({
  displayName: DisplayName,
  fullName: FullName.default(''),
  image: AvatarImage.nullable().default(null),
});
export type NewProfile = z.infer<typeof NewProfile>;

export const ProfileUpdate = z.strictObject({
  displayName: DisplayName.optional(),
  fullName: FullName.optional(),
  image: AvatarImage.nullable().optional(),
});
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;
