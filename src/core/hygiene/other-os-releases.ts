/**
 * Real-time operating systems and macOS as data. No public lifecycle data covers the RTOSes medical devices
 * run (VxWorks, QNX, INTEGRITY, ThreadX, FreeRTOS, Zephyr, µC/OS): their support is whatever the device's
 * supplier contracted with the RTOS vendor, so they carry no lifecycle and lifecycle status says "unknown".
 * CPE products are NVD's; where NVD has none Vigil could vouch for, there is none.
 */

export interface RtosSpec {
  id: string;
  label: string;
  vendor: string;
  name: RegExp;
  /** Group 1: the version after the name. */
  version: RegExp;
  cpe?: (version: string) => string;
}

export const RTOS: readonly RtosSpec[] = [
  {
    id: 'vxworks',
    label: 'VxWorks',
    vendor: 'Wind River',
    name: /\bvx ?works\b/,
    version: /\bvx ?works(?: rtos)? ?(\d{1,2}(?:\.\d{1,3}){0,3})\b/,
    cpe: (v) => `cpe:2.3:o:windriver:vxworks:${v}:*:*:*:*:*:*:*`,
  },
  {
    id: 'qnx-neutrino',
    label: 'QNX Neutrino RTOS',
    vendor: 'BlackBerry QNX',
    name: /\bqnx\b/,
    version: /\bqnx(?: neutrino)?(?: rtos)?(?: sdp)? ?(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\b/,
    cpe: (v) => `cpe:2.3:o:blackberry:qnx_neutrino_rtos:${v}:*:*:*:*:*:*:*`,
  },
  {
    id: 'integrity',
    label: 'INTEGRITY',
    vendor: 'Green Hills Software',
    // "integrity" is an English word: only at the start of the text, or with Green Hills or RTOS beside it.
    name: /^integrity\b|\bgreen hills\b|\bghs integrity\b|\bintegrity(?:-178)? rtos\b|\bintegrity-178\b/,
    version: /\bintegrity(?:-178(?: tus)?)?(?: rtos)? ?(\d{1,2}(?:\.\d{1,2}){0,2})\b/,
    cpe: (v) => `cpe:2.3:o:ghs:integrity_rtos:${v}:*:*:*:*:*:*:*`,
  },
  {
    id: 'threadx',
    label: 'ThreadX',
    vendor: 'Eclipse Foundation (formerly Microsoft, Express Logic)',
    name: /\bthread ?x\b/,
    version: /\bthread ?x ?v?(\d{1,2}(?:\.\d{1,2}){0,2})\b/,
    cpe: (v) => `cpe:2.3:o:microsoft:azure_rtos_threadx:${v}:*:*:*:*:*:*:*`,
  },
  {
    id: 'freertos',
    label: 'FreeRTOS',
    vendor: 'Amazon Web Services',
    name: /\b(?:amazon )?free ?rtos\b/,
    version: /\bfree ?rtos(?: kernel)? ?v?(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\b/,
    cpe: (v) => `cpe:2.3:o:amazon:freertos:${v}:*:*:*:*:*:*:*`,
  },
  {
    id: 'zephyr',
    label: 'Zephyr RTOS',
    vendor: 'Zephyr Project',
    name: /\bzephyr\b/,
    version: /\bzephyr(?: rtos| os)? ?v?(\d\.\d{1,2}(?:\.\d{1,2})?)\b/,
    cpe: (v) => `cpe:2.3:o:zephyrproject:zephyr:${v}:*:*:*:*:*:*:*`,
  },
  {
    id: 'micrium-ucos',
    label: 'µC/OS',
    vendor: 'Silicon Labs (Micrium)',
    // NFKC turns the micro sign (µ) into the Greek mu (μ): both are accepted.
    name: /(?:\bu|\bmicro ?|[µμ])c\/os\b/,
    version: /c\/os-?(ii|iii)\b/,
  },
];

/** The word "RTOS" with nothing Vigil can place. */
export const GENERIC_RTOS = /\brtos\b|\breal.?time operating system\b/;

/** macOS releases by codename (endoflife.date `macos` cycles: `10.15`, `11`…). */
export const MACOS_CODENAMES: Readonly<Record<string, string>> = {
  'el capitan': '10.11',
  sierra: '10.12',
  'high sierra': '10.13',
  mojave: '10.14',
  catalina: '10.15',
  'big sur': '11',
  monterey: '12',
  ventura: '13',
  sonoma: '14',
  sequoia: '15',
  tahoe: '26',
};
