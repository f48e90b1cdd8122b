export {
  parseShodanBanner,
  parseShodanBannerLine,
  parseShodanBanners,
  type ShodanBannerResult,
  type ShodanBanners,
  type ShodanLine,
  type ShodanWhere,
  shodanTime,
} from './banner.js';
export { parseShodanHost, type ShodanHost } from './host.js';
