import { useParams } from 'react-router';
import { CatalogBrowser } from './CatalogBrowser';
import { ProductView } from './ProductView';
import './catalog.css';

/** `/catalog` browses, `/catalog/:sku` shows one product. */
export function CatalogWorkspace() {
  const { sku } = useParams();
  return sku ? <ProductView key={sku} sku={sku} /> : <CatalogBrowser />;
}
