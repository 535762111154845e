/** Loads a folder of scenarios: each sub-folder holds manifests.yaml and expect.yaml. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseManifests } from '../manifests';
import { type Scenario, ScenarioExpectationSchema } from './scenario-schema';

export async function loadScenario(
  dir: string,
  name = dir.split(/[\\/]/).filter(Boolean).pop() ?? dir,
): Promise<Scenario> {
  const read = async (file: string) => {
    try {
      return await readFile(join(dir, file), 'utf8');
    } catch {
      throw new Error(`scenario ${name}: ${file} is missing`);
    }
  };
  const manifests = await read('manifests.yaml');
  const expectText = await read('expect.yaml');
  let objects: Scenario['objects'];
  try {
    objects = parseManifests(manifests);
  } catch (error) {
    throw new Error(
      `scenario ${name}: manifests.yaml: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = ScenarioExpectationSchema.safeParse(parseYaml(expectText));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`scenario ${name}: expect.yaml: ${issues}`);
  }
  const { namespace, deployment } = parsed.data.target;
  const defined = objects.some(
    (o) =>
      o.kind === 'Deployment' &&
      o.metadata.name === deployment &&
      (o.metadata.namespace ?? 'default') === namespace,
  );
  if (!defined) {
    throw new Error(
      `scenario ${name}: expect.yaml targets deployment ${namespace}/${deployment}, which manifests.yaml does not define`,
    );
  }
  return { name, dir, manifests, objects, expect: parsed.data };
}

/** Every scenario under `dir`, sorted by name; files beside the folders (a README) are ignored. */
export async function loadScenarios(dir: string): Promise<Scenario[]> {
  const entries = await readdir(dir);
  const scenarios: Scenario[] = [];
  for (const entry of entries.sort()) {
    const path = join(dir, entry);
    if ((await stat(path)).isDirectory()) scenarios.push(await loadScenario(path, entry));
  }
  return scenarios;
}
