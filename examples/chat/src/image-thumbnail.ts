/**
 * The demo server stores messages, not files, and a message body is limited to a few KB
 * (protocol §6). So a picked file travels as a small JPEG data URL: shrink it until the
 * URL fits, or give up with an error that says to use a link instead.
 */
export async function imageFileToDataUrl(file: File, maxChars: number): Promise<string> {
  if (!file.type.startsWith('image/')) throw new Error(`${file.name} is not an image.`);
  const bitmap = await createImageBitmap(file);
  try {
    for (const side of [240, 160, 112, 80]) {
      for (const quality of [0.7, 0.5, 0.35]) {
        const url = drawScaled(bitmap, side, quality);
        if (url.length <= maxChars) return url;
      }
    }
  } finally {
    bitmap.close();
  }
  throw new Error('That image is too detailed to send inline. Paste a link to it instead.');
}

function drawScaled(bitmap: ImageBitmap, maxSide: number, quality: number): string {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', quality);
}
