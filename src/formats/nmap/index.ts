export { type NmapParseOptions, type NmapScan, parseNmapXml } from './parse.js';
