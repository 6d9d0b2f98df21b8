// Turns a picked file into a profile picture the engine accepts, entirely in the renderer: decode,
// crop to a centred square, draw on a canvas, encode as WebP (or JPEG where WebP encoding is
// missing), stepping size and quality down until it fits (./sizing.ts).
import { AvatarError, centredSquare, fitAvatar, type SquareCrop } from './sizing';

/** Files above this are refused before decoding: no camera picture needs more. */
export const MAX_SOURCE_BYTES = 25 * 1024 * 1024;

type OutputType = 'image/webp' | 'image/jpeg';

function canvasOf(size: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  return canvas;
}

/** Browsers that cannot encode a type silently return PNG instead, so ask once. */
function outputType(): OutputType {
  return canvasOf(1).toDataURL('image/webp').startsWith('data:image/webp')
    ? 'image/webp'
    : 'image/jpeg';
}

function encode(
  image: ImageBitmap,
  crop: SquareCrop,
  size: number,
  type: OutputType,
  quality: number,
): string {
  const canvas = canvasOf(size);
  const context = canvas.getContext('2d');
  if (!context) throw new AvatarError('This browser cannot prepare pictures.');
  if (type === 'image/jpeg') {
    // JPEG has no transparency; without a backdrop transparent pixels turn black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, size, size);
  }
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, crop.sx, crop.sy, crop.side, crop.side, 0, 0, size, size);
  return canvas.toDataURL(type, quality);
}

export async function resizeAvatar(file: Blob): Promise<string> {
  if (file.size > MAX_SOURCE_BYTES) {
    throw new AvatarError('This picture is too large to open (the limit is 25 MB).');
  }
  let image: ImageBitmap;
  try {
    image = await createImageBitmap(file);
  } catch {
    throw new AvatarError('This file is not a picture Conclave can read.');
  }
  try {
    const crop = centredSquare(image.width, image.height);
    const type = outputType();
    return await fitAvatar(({ size, quality }) => encode(image, crop, size, type, quality));
  } finally {
    image.close();
  }
}
