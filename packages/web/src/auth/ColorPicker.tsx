import { useId } from 'react';
import { PRESET_COLORS } from './colors';

export interface ColorPickerProps {
  value: string;
  onChange: (color: string) => void;
}

/** Preset swatches as a radio group, plus a native picker for any other colour. */
export function ColorPicker({ value, onChange }: ColorPickerProps) {
  const name = useId();
  const customId = useId();
  const isPreset = PRESET_COLORS.some((preset) => preset.value === value.toLowerCase());

  return (
    <fieldset className="color-picker" data-testid="color-picker">
      <legend>Your colour</legend>
      <div className="swatches">
        {PRESET_COLORS.map((preset) => (
          <label key={preset.value} className="swatch" title={preset.label}>
            <input
              type="radio"
              name={name}
              value={preset.value}
              checked={value.toLowerCase() === preset.value}
              onChange={() => onChange(preset.value)}
              data-testid={`swatch-${preset.value.slice(1)}`}
            />
            <span className="swatch-color" style={{ backgroundColor: preset.value }} aria-hidden="true" />
            <span className="visually-hidden">{preset.label}</span>
          </label>
        ))}
        <label
          htmlFor={customId}
          className={isPreset ? 'swatch swatch-custom' : 'swatch swatch-custom selected'}
        >
          <input
            id={customId}
            type="color"
            value={value}
            onChange={(event) => onChange(event.target.value)}
            data-testid="color-custom"
          />
          <span className="visually-hidden">Custom colour</span>
        </label>
      </div>
    </fieldset>
  );
}
