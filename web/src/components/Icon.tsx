/** Line icons for the navigation (24×24, stroked with the text colour). Decorative: hidden from readers. */
const PATHS: Record<string, string> = {
  dashboard: 'M3 13h8V3H3zM13 21h8V11h-8zM3 21h8v-6H3zM13 3v6h8V3z',
  devices: 'M4 5h16v10H4zM8 19h8M12 15v4',
  products: 'M21 8l-9-5-9 5 9 5 9-5zM3 8v8l9 5 9-5V8M12 13v8',
  suppliers: 'M3 21V9l6-4v4l6-4v4l6-4v16zM7 17h2M11 17h2M15 17h2',
  components: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM21 21l-5-5',
  imports: 'M12 3v12M7 10l5 5 5-5M4 21h16',
  vulnerabilities: 'M12 3l8 4v5c0 5-3.5 8-8 9-4.5-1-8-4-8-9V7zM12 8v5M12 16v.5',
  hygiene: 'M9 4h6v3H9zM6 6H5v15h14V6h-1M9 14l2 2 4-4',
  exposure: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
  programs: 'M9 4h6v3H9zM6 6H5v15h14V6h-1M9 12h6M9 16h4',
  reports: 'M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h7',
  users:
    'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21c0-4 3-6 7-6s7 2 7 6M17 11a3 3 0 1 0 0-6M19 15c2 .7 3 2.5 3 6',
  tokens: 'M15 7a4 4 0 1 1-3.5 6L4 20.5V17h3v-3h3l1.5-1.5A4 4 0 0 1 15 7z',
  audit: 'M5 4h14v17H5zM9 8h6M9 12h6M9 16h3',
  feeds: 'M4 11a9 9 0 0 1 9 9M4 4a16 16 0 0 1 16 16M5 19.5a.5.5 0 1 0 1 0 .5.5 0 0 0-1 0',
  key: 'M7 14a4 4 0 1 1 3-6.7L21 7v4h-3v3h-3l-1-2.7A4 4 0 0 1 7 14z',
  logout: 'M15 4h4v16h-4M10 8l-4 4 4 4M6 12h11',
};

export function Icon({ name }: { name: string }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name] ?? ''} />
    </svg>
  );
}
