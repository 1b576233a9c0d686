import { scenarioJsonSchema } from '../../scenario/schema.js';

/** `thaw schema`: prints the scenario format as JSON Schema. */
export function schemaCommand(write: (text: string) => void): number {
  write(JSON.stringify(scenarioJsonSchema(), null, 2));
  return 0;
}
