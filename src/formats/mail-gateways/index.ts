export {
  MAX_FILTERS_PER_GATEWAY,
  MAX_MAIL_GATEWAY_BYTES,
  MAX_MAIL_GATEWAYS,
  type MailGatewayFileFormat,
  type ParsedMailGateways,
  parseMailGateways,
  signatureDay,
} from './parse.js';
