/** CRC16-XMODEM: poly 0x1021, init 0, no reflection, no final XOR (GM65 command and reply frames). */
export function crc16Xmodem(bytes: ArrayLike<number>, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc ^= bytes[i]! << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}
