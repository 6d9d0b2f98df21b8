// How an avatar is made to fit the contract's limit: the picture is cropped to a centred square,
// then encoded at falling sizes and qualities until the base64 text is short enough. Pure logic,
// so it can be tested without a canvas; ./resize.ts does the drawing.
import { AvatarImage, MAX_AVATAR_CHARS } from '../../shared/models/profile';

export interface EncodeAttempt {
  /** Width and height of the square output, in pixels. */
  readonly size: number;
  /** Encoder quality between 0 and 1. */
  readonly quality: number;
}

export const AVATAR_SIZES = [192, 160, 128, 96, 64] as const;
const QUALITIES = [0.85, 0.7, 0.55] as const;
/** At the smallest size, quality may go lower still before we give up. */
const LAST_RESORT_QUALITIES = [0.4, 0.25] as const;

/**
 * Attempts from best to smallest: each size at a few qualities before the next size down, since
 * a smaller sharp picture looks better than a large blurry one.
 */
export function avatarAttempts(): EncodeAttempt[] {
  const attempts = AVATAR_SIZES.flatMap((size) => QUALITIES.map((quality) => ({ size, quality })));
  const smallest = AVATAR_SIZES[AVATAR_SIZES.length - 1] ?? 64;
  return [...attempts, ...LAST_RESORT_QUALITIES.map((quality) => ({ size: smallest, quality }))];
}

/** Number of base64 characters in a data URI (the part the limit counts). */
export function base64Length(dataUri: string): number {
  const comma = dataUri.indexOf(',');
  return comma < 0 ? dataUri.length : dataUri.length - comma - 1;
}

/** True when the engine will accept this data URI as a profile picture. */
export function isAcceptableAvatar(dataUri: string): boolean {
  return base64Length(dataUri) <= MAX_AVATAR_CHARS && AvatarImage.safeParse(dataUri).success;
}

export interface SquareCrop {
  readonly sx: number;
  readonly sy: number;
  readonly side: number;
}

/** The largest centred square of a width × height picture. */
export function centredSquare(width: number, height: number): SquareCrop {
  const side = Math.min(width, height);
  return {
    sx: Math.floor((width - side) / 2),
    sy: Math.floor((height - side) / 2),
    side,
  };
}

export class AvatarError extends Error {
  override readonly name = 'AvatarError';
}

/** Encodes with each attempt in turn and returns the first result that fits. */
export async function fitAvatar(
  encode: (attempt: EncodeAttempt) => Promise<string> | string,
  attempts: readonly EncodeAttempt[] = avatarAttempts(),
): Promise<string> {
  for (const attempt of attempts) {
    const dataUri = await encode(attempt);
    if (isAcceptableAvatar(dataUri)) return dataUri;
  }
  throw new AvatarError('This picture cannot be made small enough. Please choose another one.');
}
