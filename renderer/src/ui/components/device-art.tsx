// Illustrations of what to do with a device, drawn inline in the palette of the mode (CSS classes
// .art-*). Decorative: the prompt's text says the same thing.
import type { ReactNode } from 'react';

export type ArtKind = 'reader' | 'slot' | 'receipt' | 'tray' | 'scan' | 'camera' | 'locker';
export type ArtMotion = 'in' | 'out' | 'none';

const Arrow = ({ x, y, down }: { x: number; y: number; down: boolean }) => (
  <path
    className="art-arrow"
    d={down ? `M${x} ${y}v34m-14-14 14 14 14-14` : `M${x} ${y + 34}v-34m-14 14 14-14 14 14`}
  />
);

function scene(kind: ArtKind, motion: ArtMotion): ReactNode {
  const down = motion === 'in';
  switch (kind) {
    case 'reader':
      return (
        <>
          <rect className="art-device" x="40" y="120" width="160" height="36" rx="10" />
          <rect className="art-accent-line" x="70" y="112" width="100" height="8" rx="4" />
          <g transform={motion === 'out' ? 'translate(0 -18)' : ''}>
            <rect className="art-card" x="72" y="52" width="96" height="60" rx="8" />
            <circle className="art-card-mark" cx="96" cy="80" r="12" />
            <rect className="art-card-mark" x="116" y="70" width="40" height="6" rx="3" />
            <rect className="art-card-mark" x="116" y="84" width="32" height="6" rx="3" />
          </g>
          {motion !== 'none' && <Arrow x={206} y={40} down={down} />}
        </>
      );
    case 'slot':
      return (
        <>
          <rect className="art-device" x="30" y="96" width="180" height="64" rx="12" />
          <rect className="art-slot" x="70" y="112" width="100" height="10" rx="5" />
          <g transform={down ? '' : 'translate(0 -16)'}>
            <rect className="art-card" x="82" y="28" width="76" height="86" rx="8" />
            <rect className="art-chip" x="96" y="44" width="22" height="18" rx="3" />
          </g>
          <Arrow x={196} y={28} down={down} />
        </>
      );
    case 'receipt':
      return (
        <>
          <rect className="art-device" x="30" y="20" width="180" height="56" rx="12" />
          <rect className="art-slot" x="64" y="62" width="112" height="8" rx="4" />
          <path className="art-card" d="M76 66h88v86l-11-8-11 8-11-8-11 8-11-8-11 8-11-8z" />
          <rect className="art-card-mark" x="90" y="86" width="60" height="6" rx="3" />
          <rect className="art-card-mark" x="90" y="102" width="44" height="6" rx="3" />
          <Arrow x={196} y={96} down />
        </>
      );
    case 'tray':
      return (
        <>
          <rect className="art-device" x="24" y="20" width="192" height="70" rx="12" />
          <path className="art-device" d="M36 150h168l-14 16H50z" />
          <rect className="art-card" x="70" y="60" width="100" height="96" rx="4" />
          <rect className="art-card-mark" x="84" y="78" width="72" height="6" rx="3" />
          <rect className="art-card-mark" x="84" y="94" width="60" height="6" rx="3" />
          <rect className="art-card-mark" x="84" y="110" width="66" height="6" rx="3" />
          <Arrow x={200} y={104} down />
        </>
      );
    case 'scan':
      return (
        <>
          <rect className="art-device" x="24" y="112" width="192" height="48" rx="12" />
          <rect className="art-accent-line" x="84" y="104" width="72" height="10" rx="5" />
          <rect className="art-card" x="88" y="14" width="64" height="84" rx="10" />
          <g className="art-card-mark">
            <rect x="100" y="30" width="14" height="14" />
            <rect x="126" y="30" width="14" height="14" />
            <rect x="100" y="56" width="14" height="14" />
            <rect x="122" y="52" width="6" height="6" />
            <rect x="132" y="62" width="8" height="8" />
          </g>
          <Arrow x={188} y={36} down />
        </>
      );
    case 'camera':
      return (
        <>
          <path className="art-device" d="M40 150h160v14H40zM180 150V30h12v120zM120 26h72v18h-72z" />
          <circle className="art-accent-fill" cx="128" cy="44" r="8" />
          <rect className="art-card" x="62" y="84" width="96" height="64" rx="4" />
          <rect className="art-card-mark" x="76" y="100" width="60" height="6" rx="3" />
          <rect className="art-card-mark" x="76" y="116" width="48" height="6" rx="3" />
          <Arrow x={36} y={60} down />
        </>
      );
    case 'locker':
      return (
        <>
          <rect className="art-device" x="50" y="14" width="140" height="152" rx="8" />
          <rect className="art-slot" x="60" y="24" width="56" height="40" rx="4" />
          <rect className="art-slot" x="124" y="24" width="56" height="40" rx="4" />
          <rect className="art-slot" x="60" y="124" width="56" height="32" rx="4" />
          <rect className="art-slot" x="124" y="124" width="56" height="32" rx="4" />
          <rect className="art-open" x="60" y="72" width="56" height="44" rx="4" />
          {motion === 'none' ? (
            <path className="art-door" d="M116 72l36-8v60l-36-8z" />
          ) : (
            <path className="art-door" d="M60 72l-34-8v60l34-8z" />
          )}
          {motion !== 'none' && <rect className="art-card" x="72" y="84" width="32" height="24" rx="2" />}
          {motion !== 'none' && (
            <path
              className="art-arrow"
              d={motion === 'in' ? 'M222 94h-60m14-14-14 14 14 14' : 'M162 94h60m-14-14 14 14-14 14'}
            />
          )}
        </>
      );
  }
}

export function DeviceArt({ kind, motion }: { kind: ArtKind; motion: ArtMotion }) {
  return (
    <svg className="ui-device-art" viewBox="0 0 240 180" aria-hidden="true" focusable="false">
      {scene(kind, motion)}
    </svg>
  );
}
