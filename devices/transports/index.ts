export { memoryPair, type MemoryEnd } from './memory';
export { SerialTransport, type SerialOptions } from './serial';
export { createPtyPair, type PtyPair } from './pty';
