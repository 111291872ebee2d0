export interface ProfileCardProps {
  name: string;
  role: string;
  color: string;
  online: boolean;
  skills: string[];
}

/** A card with several kinds of args (text, colour, boolean, array) to share. */
export function ProfileCard({ name, role, color, online, skills }: ProfileCardProps) {
  return (
    <article
      data-testid="demo-card"
      style={{
        width: 260,
        padding: 16,
        borderRadius: 12,
        border: `2px solid ${color}`,
        font: '14px system-ui, sans-serif',
        display: 'grid',
        gap: 8,
      }}
    >
      <header style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
        <span
          style={{
            width: 36,
            height: 36,
            borderRadius: '50%',
            background: color,
            color: '#fff',
            display: 'grid',
            placeItems: 'center',
            fontWeight: 700,
          }}
        >
          {name.slice(0, 1).toUpperCase()}
        </span>
        <div>
          <strong>{name}</strong>
          <div style={{ opacity: 0.7 }}>{role}</div>
        </div>
      </header>
      <div>{online ? '● online' : '○ offline'}</div>
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {skills.map((skill) => (
          <li key={skill}>{skill}</li>
        ))}
      </ul>
    </article>
  );
}
