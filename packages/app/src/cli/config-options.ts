import type { Command } from 'commander';
import type { ConfigInput, SettingName } from '../config/schema.js';
import { SETTINGS } from '../config/schema.js';

/** Adds one `--flag <value>` per setting (documented from the settings table) plus `--config`. */
export function addConfigOptions(command: Command, only?: SettingName[]): Command {
  command.option('--config <file>', 'JSON config file (env: ENSEMBLE_CONFIG)');
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, (typeof SETTINGS)[SettingName]][]) {
    if (only && !only.includes(name)) continue;
    command.option(`${setting.flag} <value>`, `${setting.doc} (env: ${setting.env})`);
  }
  return command;
}

/** Commander camel-cases flags the same way our setting names are spelled. */
export function configFlags(options: Record<string, unknown>): ConfigInput {
  const flags: ConfigInput = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const value = options[name];
    if (typeof value === 'string') flags[name] = value;
  }
  return flags;
}
