import type { SiteView } from '../../../app/ports.js';
import type { SiteBody } from './schema.js';

export function presentSite(site: SiteView): SiteBody {
  return { id: site.id, name: site.name, code: site.code, city: site.city, deviceCount: site.deviceCount };
}
