// The screens of the UI gallery (a test page): each shows some of the base components or a keyboard.
export const GALLERY_SECTIONS = [
  'choices',
  'progress',
  'devices-1',
  'devices-2',
  'failure',
  'idle',
  'pinyin',
  't9',
  'idnumber',
  'pads',
  'letters',
] as const;

export type GallerySection = (typeof GALLERY_SECTIONS)[number];
