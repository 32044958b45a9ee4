export * from './crc16';
export * from './gm65';
export * from './zones';
export * from './scan-data';
export * from './hid-pos';
