export { type AddressList, type AddressListOptions, parseAddressList } from './parse.js';
