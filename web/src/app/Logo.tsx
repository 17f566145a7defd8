// The platform mark: a stylised roof over a compound, in the app's blue.
export default function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" style={{ flex: 'none' }}>
      <rect width="48" height="48" rx="10" fill="#fff" />
      <path d="M8 23 24 10l16 13" fill="none" stroke="#c8161d" strokeWidth="3.5" strokeLinecap="round" strokeLinejoin="round" />
      <rect x="13" y="22" width="22" height="16" rx="1.5" fill="#1558b0" />
      <rect x="17" y="26" width="5" height="5" fill="#fff" />
      <rect x="26" y="26" width="5" height="5" fill="#fff" />
      <rect x="21.5" y="32" width="5" height="6" fill="#fff" />
    </svg>
  );
}
