export {
  catalogueNameKey,
  MAX_CATALOGUE_PRODUCTS,
  MAX_SECURITY_CATALOGUE_BYTES,
  parseSecurityCatalogue,
} from './parse.js';
export { writeSecurityCatalogue } from './write.js';
