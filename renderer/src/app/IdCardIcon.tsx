/** An ID card on a reader, drawn inline: kiosks have no emoji font, and the page loads no remote assets. */
export function IdCardIcon() {
  return (
    <svg className="card-icon" viewBox="0 0 160 110" role="img" aria-hidden="true">
      <rect x="8" y="70" width="144" height="32" rx="8" fill="#1e4a85" stroke="#f2b705" strokeWidth="3" />
      <g transform="rotate(-8 80 45)">
        <rect x="30" y="10" width="100" height="64" rx="8" fill="#e9f1fb" />
        <circle cx="56" cy="40" r="13" fill="#9bb7d9" />
        <rect x="76" y="28" width="44" height="6" rx="3" fill="#9bb7d9" />
        <rect x="76" y="40" width="36" height="6" rx="3" fill="#9bb7d9" />
        <rect x="40" y="60" width="80" height="6" rx="3" fill="#c8d8ec" />
      </g>
    </svg>
  );
}
