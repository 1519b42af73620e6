import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['lib/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file opens its own database; two cores run two at a time.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          // Runs the docker driver against a real engine: needs `docker info` to answer (images are built by the setup).
          name: 'docker',
          include: ['tests/docker/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/docker/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One engine and two cores: files run one at a time.
          maxWorkers: 1,
        },
      },
      {
        extends: true,
        test: {
          // Runs the swarm driver against a real engine: the setup builds the images and makes it a one-node swarm if it is none.
          name: 'swarm',
          include: ['tests/swarm/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/swarm/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
