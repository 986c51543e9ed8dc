import { PROCESSOR_SETTINGS_VARIABLE, processorSettings, type ProcessorSettings } from './settings.js';

/** A child process's configuration, as its worker set it (settings.ts). */
export function loadProcessorSettings(source: Record<string, string | undefined> = process.env): ProcessorSettings {
  const raw = source[PROCESSOR_SETTINGS_VARIABLE];
  if (!raw) throw new Error(`${PROCESSOR_SETTINGS_VARIABLE} is not set: processors run in the children the media worker forks.`);
  return processorSettings.parse(JSON.parse(raw));
}
