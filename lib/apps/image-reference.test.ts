import { describe, expect, it } from 'vitest';
import { parseImageReference } from './image-reference';

// Cases after the distribution project's reference tests (reference_test.go).
describe('parseImageReference', () => {
  it.each([
    ['nginx', { domain: null, path: 'nginx', tag: null, digest: null }],
    ['infrastructureascode/hello-world', { domain: null, path: 'infrastructureascode/hello-world', tag: null, digest: null }],
    ['ghcr.io/org/demo:1.2', { domain: 'ghcr.io', path: 'org/demo', tag: '1.2', digest: null }],
    ['localhost:5000/demo:latest', { domain: 'localhost:5000', path: 'demo', tag: 'latest', digest: null }],
    ['registry.example.com:8443/a/b/c', { domain: 'registry.example.com:8443', path: 'a/b/c', tag: null, digest: null }],
    ['[::1]:5000/demo', { domain: '[::1]:5000', path: 'demo', tag: null, digest: null }],
    [`nginx@sha256:${'a'.repeat(64)}`, { domain: null, path: 'nginx', tag: null, digest: `sha256:${'a'.repeat(64)}` }],
    [`nginx:1.27@sha256:${'b'.repeat(64)}`, { domain: null, path: 'nginx', tag: '1.27', digest: `sha256:${'b'.repeat(64)}` }],
    ['a__b/c-d--e/f.g', { domain: null, path: 'a__b/c-d--e/f.g', tag: null, digest: null }],
  ])('accepts %s', (reference, parts) => {
    expect(parseImageReference(reference)).toEqual(parts);
  });

  it.each([
    ['', 'Image is required'],
    ['my image', 'cannot contain spaces'],
    ['nginx latest', 'cannot contain spaces'],
    ['Nginx', 'must be lowercase'],
    ['org/Demo', 'must be lowercase'],
    ['nginx:', 'is not a valid tag'],
    ['nginx:-bad', 'is not a valid tag'],
    [`nginx:${'t'.repeat(129)}`, 'is not a valid tag'],
    ['nginx@sha256:abc', 'is not a digest'],
    ['-nginx', 'is not a valid image name'],
    ['nginx/', 'is not a valid image name'],
    ['a//b', 'is not a valid image name'],
    ['a_-b', 'is not a valid image name'],
    [`${'a'.repeat(256)}`, 'must be 255 characters or less'],
  ])('refuses %j, saying why', (reference, problem) => {
    const result = parseImageReference(reference);
    expect('problem' in result ? result.problem : '').toContain(problem);
  });
});
