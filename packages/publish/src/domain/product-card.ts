import type { Media } from './types.js';

/** A catalog product attached to a post: shown as a card in the app, published as a link. */
export interface ProductCard {
  sku: string;
  name: string;
  /** Where readers go: the product's page (absolute http(s) URL). */
  url: string;
  image: string | null;
}

/**
 * The `media` column holds the attached product too, as one element `{ type: 'product', … }`: a
 * post has at most one, it travels with the media in every read and write, and no migration was
 * needed. Only this module knows; the rest of the code sees `media` and `product` apart.
 */
export type StoredMediaItem = Media | (ProductCard & { type: 'product' });

export function splitStoredMedia(stored: readonly StoredMediaItem[]): {
  media: Media[];
  product: ProductCard | null;
} {
  const media: Media[] = [];
  let product: ProductCard | null = null;
  for (const item of stored) {
    if (item.type === 'product')
      product = { sku: item.sku, name: item.name, url: item.url, image: item.image };
    else media.push(item);
  }
  return { media, product };
}

export function joinStoredMedia(media: readonly Media[], product: ProductCard | null): StoredMediaItem[] {
  return product ? [...media, { type: 'product', ...product }] : [...media];
}

/** What the platforms receive: the post's text, then the product as a link on its own line. */
export function publishedText(content: string, product: ProductCard | null): string {
  if (!product) return content;
  const link = `${product.name}: ${product.url}`;
  return content.trim() === '' ? link : `${content.replace(/\s+$/, '')}\n\n${link}`;
}
