import 'server-only';
import { getConfig } from '../config/config.ts';
import { IMAGE_CATALOG } from '../runtime/image-catalog.ts';

export interface ImageOption {
  image: string;
  description: string;
}

export interface PanelOptions {
  regions: string[];
  images: ImageOption[];
}

/** What the New app and New Token forms offer: this Tollgate's regions and images. */
export function getPanelOptions(): PanelOptions {
  return {
    regions: [...getConfig().REGIONS],
    images: IMAGE_CATALOG.map(({ image, description }) => ({ image, description })),
  };
}
