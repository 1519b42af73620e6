import { describe, expect, it } from 'vitest';
import { checkAppUpdate, checkNewApp } from './app-form-check';
import { newAppValues, runtimeValuesOf, type EnvRow, type NewAppValues } from './app-form-values';
import { messages } from './field-errors';

const OPTIONS = { regions: ['GRA', 'BHS'], images: null };

function form(change: Partial<NewAppValues>): NewAppValues {
  return { ...newAppValues('GRA'), name: 'demo', image: 'tollgate/echo', ...change };
}

function env(id: number, name: string, value: string, secret = false, keptName: string | null = null): EnvRow {
  return { id, name, value, secret, keptName };
}

function errorsOf(result: ReturnType<typeof checkNewApp> | ReturnType<typeof checkAppUpdate>) {
  expect(result.ok).toBe(false);
  return result.ok ? {} : messages(result.errors);
}

describe('checkNewApp', () => {
  it('builds the spec the API takes, numbers as numbers, blank rows left out', () => {
    const result = checkNewApp(
      form({
        command: 'python -m http.server "8 0"',
        envRows: [env(1, 'MODE', 'fast'), env(2, '', ''), env(3, 'API_KEY', 's3cret', true)],
        port: '9000',
        probePath: '/health',
        cpu: '0.5',
        memoryMiB: '512',
        replicas: '2',
        region: 'gra',
      }),
      OPTIONS,
    );
    expect(result.ok && result.body).toMatchObject({
      name: 'demo',
      image: 'tollgate/echo',
      region: 'GRA',
      command: ['python', '-m', 'http.server', '8 0'],
      envVars: [
        { name: 'MODE', value: 'fast', secret: false },
        { name: 'API_KEY', value: 's3cret', secret: true },
      ],
      defaultHttpPort: 9000,
      probe: { path: '/health' },
      resources: { cpu: 0.5, memoryMiB: 512 },
      scalingStrategy: { fixed: { replicas: 2 } },
    });
  });

  it('leaves out what was left blank: the image command, limits, the probe port', () => {
    const result = checkNewApp(form({}), OPTIONS);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.body.command).toBeNull();
    expect(result.body.resources).toBeUndefined();
    expect(result.body.probe).toEqual({ path: '/' });
  });

  it('names the field of each problem, env vars by row', () => {
    const errors = errorsOf(
      checkNewApp(
        form({
          name: '',
          image: 'Not An Image',
          command: "echo 'open",
          envRows: [env(7, '1BAD', 'x'), env(8, 'OK', 'y'), env(9, 'OK', 'z')],
          port: '',
          probePath: 'health',
          probePort: '70000',
          cpu: '-1',
          memoryMiB: 'lots',
          replicas: '11',
        }),
        OPTIONS,
      ),
    );
    expect(errors).toEqual({
      name: 'Name is required',
      image: 'An image reference cannot contain spaces',
      command: "A single quote (') is not closed",
      'env.7.name': 'Env var names start with a letter or "_" and hold letters, digits and "_"',
      'env.9.name': 'Env var OK is set twice',
      port: 'Port is required',
      probePath: 'The probe path must start with "/"',
      probePort: 'The probe port must be between 1 and 65535',
      cpu: 'CPU must be more than 0',
      memoryMiB: 'Memory must be a number',
      replicas: 'Replicas must be between 1 and 10',
    });
  });

  it('refuses an image outside the built-ins when the server runs only those', () => {
    const errors = errorsOf(checkNewApp(form({ image: 'nginx' }), { ...OPTIONS, images: ['tollgate/echo'] }));
    expect(errors.image).toMatch(/knows only the built-in images \(tollgate\/echo\)/);
  });
});

describe('checkAppUpdate', () => {
  const spec = {
    name: 'demo',
    image: 'tollgate/echo',
    region: 'GRA',
    labels: {},
    command: ['node', 'server.js'],
    envVars: [
      { name: 'MODE', value: 'fast', secret: false },
      { name: 'TOKEN', secret: true },
    ],
    defaultHttpPort: 8080,
    probe: { path: '/health', port: 8080 },
    resources: { cpu: 1, memoryMiB: null },
    scalingStrategy: { fixed: { replicas: 2 } },
    unsecureHttp: false,
  } as unknown as Parameters<typeof runtimeValuesOf>[0];

  it('starts from the app and sends every runtime field back, secrets without their value', () => {
    const values = runtimeValuesOf(spec);
    expect(values).toMatchObject({ command: 'node server.js', port: '8080', probePath: '/health', probePort: '', cpu: '1', memoryMiB: '' });
    const result = checkAppUpdate({ ...values, image: 'infrastructureascode/hello-world' }, { images: null });
    expect(result.ok && JSON.parse(JSON.stringify(result.body))).toEqual({
      image: 'infrastructureascode/hello-world',
      command: ['node', 'server.js'],
      envVars: [
        { name: 'MODE', value: 'fast', secret: false },
        { name: 'TOKEN', secret: true },
      ],
      defaultHttpPort: 8080,
      probe: { path: '/health' },
      resources: { cpu: 1 },
    });
  });

  it('a blank command goes back to the image’s own', () => {
    const result = checkAppUpdate({ ...runtimeValuesOf(spec), command: '  ' }, { images: null });
    expect(result.ok && result.body.command).toBeNull();
  });

  it('a kept secret needs a value once renamed or made visible', () => {
    const values = runtimeValuesOf(spec);
    const [mode, token] = values.envRows as [EnvRow, EnvRow];
    expect(errorsOf(checkAppUpdate({ ...values, envRows: [mode, { ...token, name: 'RENAMED' }] }, { images: null }))).toEqual({
      'env.2.value': 'Type a value: a secret keeps its value only under its old name, TOKEN',
    });
    expect(errorsOf(checkAppUpdate({ ...values, envRows: [mode, { ...token, secret: false }] }, { images: null }))).toEqual({
      'env.2.value': 'Type a value to make this env var visible: a secret value is never shown again',
    });
    const replaced = checkAppUpdate({ ...values, envRows: [mode, { ...token, value: 'new' }] }, { images: null });
    expect(replaced.ok && replaced.body.envVars?.[1]).toEqual({ name: 'TOKEN', value: 'new', secret: true });
  });
});
