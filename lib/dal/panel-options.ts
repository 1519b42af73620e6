import 'server-only';
import { getConfig } from '../config/config.ts';
import { IMAGE_CATALOG } from '../runtime/image-catalog.ts';
import { supportedImages } from '../runtime/runtime-identity.ts';

export interface ImageOption {
  image: string;
  description: string;
}

export interface PanelOptions {
  regions: string[];
  /** The built-in images, suggested by the New app and Edit forms. */
  images: ImageOption[];
  /** False when this Tollgate runs apps as local processes: then only the built-ins can run. */
  anyImage: boolean;
}

/** What the New app, Edit and New Token forms offer: this Tollgate's regions and images. */
export function getPanelOptions(): PanelOptions {
  return {
    regions: [...getConfig().REGIONS],
    images: IMAGE_CATALOG.map(({ image, description }) => ({ image, description })),
    anyImage: supportedImages() === null,
  };
}
