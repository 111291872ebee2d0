export interface ButtonProps {
  label: string;
  primary?: boolean;
  size?: 'small' | 'medium' | 'large';
  backgroundColor?: string;
  onClick?: () => void;
}

const PADDING = { small: '6px 12px', medium: '10px 18px', large: '14px 26px' } as const;
const FONT = { small: 12, medium: 14, large: 16 } as const;

/** A demo button: its args are what the multiplayer stories share. */
export function Button({ label, primary = false, size = 'medium', backgroundColor, onClick }: ButtonProps) {
  return (
    <button
      type="button"
      data-testid="demo-button"
      onClick={onClick}
      style={{
        padding: PADDING[size],
        fontSize: FONT[size],
        fontFamily: 'system-ui, sans-serif',
        fontWeight: 600,
        borderRadius: 999,
        cursor: 'pointer',
        border: primary ? 'none' : '1px solid #ccc',
        color: primary ? '#fff' : '#333',
        background: backgroundColor ?? (primary ? '#0090ff' : 'transparent'),
      }}
    >
      {label}
    </button>
  );
}
