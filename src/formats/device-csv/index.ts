export {
  DEFAULT_DEVICE_MAPPING,
  DEFAULTABLE_FIELDS,
  DELIMITERS,
  DEVICE_FIELDS,
  type DefaultableField,
  type Delimiter,
  type DeviceField,
  type DeviceMapping,
  DeviceMappingSchema,
  ENUM_FIELDS,
  type EnumField,
  parseDeviceMapping,
  TEXT_VALUE_MAP_FIELDS,
} from './mapping.js';
export { type ParseDeviceCsvOptions, parseDeviceCsv } from './parse.js';
export { DATE_FORMATS, type DateFormat, parseDate, parseIpAddress, parseMacAddress } from './values.js';
