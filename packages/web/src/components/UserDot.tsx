export function UserDot({ color, size = 12 }: { color: string; size?: number }) {
  return (
    <span
      className="user-dot"
      data-testid="user-dot"
      aria-hidden="true"
      style={{ backgroundColor: color, width: size, height: size }}
    />
  );
}
