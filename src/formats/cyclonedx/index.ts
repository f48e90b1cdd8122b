export { parseCycloneDxJson } from './parse-json.js';
export { parseCycloneDxXml } from './parse-xml.js';
