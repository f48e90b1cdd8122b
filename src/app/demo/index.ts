/** A deterministic demo health system and synthetic SBOMs, for the `vigil demo` command, tests and benchmarks. */

export type { ProductVersionSpec } from './catalogue.js';
export { MANUFACTURERS, PRODUCT_VERSIONS } from './catalogue.js';
export type { DemoHospital, DemoOptions, DemoSbom, DemoSite } from './generate.js';
export { generateDemoHospital } from './generate.js';
export { generateSyntheticCycloneDx } from './synthetic.js';
