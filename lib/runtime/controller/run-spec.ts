import { readRuntimeFields } from '../../apps/app-runtime-fields.ts';
import type { App } from '../../db/generated/client.ts';
import type { RunSpec } from '../drivers/runtime-driver.ts';

/** What the engine should run for an app row, in its current generation. */
export function runSpecOf(app: App): RunSpec {
  const fields = readRuntimeFields(app);
  if (fields.image === null) throw new Error(`app ${app.id} runs elsewhere (upstreamUrl): no engine runs it`);
  return {
    appId: app.id,
    generation: app.generation,
    image: fields.image,
    command: fields.command,
    // Apps commonly read their port from PORT (Heroku's convention, the built-in images'); an
    // env var of the same name set by the operator wins.
    env: [{ name: 'PORT', value: String(fields.defaultHttpPort), secret: false }, ...fields.envVars]
      .filter((env, index, all) => all.findLastIndex((other) => other.name === env.name) === index)
      .map(({ name, value, secret }) => (secret ? { name, value, secret } : { name, value })),
    port: fields.defaultHttpPort,
    probe: fields.probe,
    resources: fields.resources,
    replicas: app.replicas,
  };
}
