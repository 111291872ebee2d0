/** Preset presence colours: distinct hues that stay readable on light and dark backgrounds. */
export const PRESET_COLORS = [
  { value: '#e5484d', label: 'Red' },
  { value: '#f76b15', label: 'Orange' },
  { value: '#ffb224', label: 'Amber' },
  { value: '#30a46c', label: 'Green' },
  { value: '#12a594', label: 'Teal' },
  { value: '#0090ff', label: 'Blue' },
  { value: '#6e56cf', label: 'Violet' },
  { value: '#d6409f', label: 'Pink' },
] as const;

export const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export function randomPresetColor(): string {
  const index = Math.floor(Math.random() * PRESET_COLORS.length);
  return PRESET_COLORS[index]?.value ?? PRESET_COLORS[0].value;
}
