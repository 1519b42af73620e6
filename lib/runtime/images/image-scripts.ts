import path from 'node:path';
import type { ImageName } from '../image-catalog.ts';

/** Script file (in lib/runtime/images) that implements each built-in image of IMAGE_CATALOG. */
export const IMAGE_SCRIPTS: Readonly<Record<ImageName, string>> = {
  'infrastructureascode/hello-world': 'hello-world.mjs',
  'tollgate/echo': 'echo.mjs',
  'tollgate/stream': 'stream.mjs',
};

/** Default location of the image scripts: the server always runs from the repository root. */
export function defaultImagesDir(): string {
  return path.join(process.cwd(), 'lib', 'runtime', 'images');
}

/** Absolute path of the script for `image`, or null for an image that is not built in. */
export function imageScriptPath(image: string, imagesDir: string = defaultImagesDir()): string | null {
  if (!Object.hasOwn(IMAGE_SCRIPTS, image)) return null;
  return path.join(imagesDir, IMAGE_SCRIPTS[image as ImageName]);
}
