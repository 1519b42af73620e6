import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api-client';
import { apiIssues, errorsFromIssues, plainMessage, refreshErrors, type FieldErrors } from './field-errors';

describe('errorsFromIssues', () => {
  it('keeps the first message of each field, in plain words, and puts the unplaced under form', () => {
    const errors = errorsFromIssues(
      [
        { path: ['resources', 'memoryMiB'], message: 'memoryMiB must be at least 16' },
        { path: ['resources', 'memoryMiB'], message: 'second' },
        { path: ['mystery'], message: 'Something else' },
      ],
      (path) => (path[0] === 'resources' ? 'memoryMiB' : null),
      'server',
    );
    expect(errors).toEqual({
      memoryMiB: { message: 'Memory must be at least 16', from: 'server' },
      form: { message: 'Something else', from: 'server' },
    });
  });
});

describe('refreshErrors', () => {
  const shown: FieldErrors = {
    image: { message: 'bad image', from: 'client' },
    'env.2.name': { message: 'Env var A is set twice', from: 'client' },
    port: { message: 'Port in use', from: 'server' },
  };

  it('clears a client error once the check passes, wherever the fix was made', () => {
    expect(refreshErrors(shown, { image: 'still bad' }, ['env.1.name'])).toEqual({
      image: { message: 'still bad', from: 'client' },
      port: shown.port,
    });
  });

  it('clears a server error when its own field changes, and adds nothing new', () => {
    expect(refreshErrors(shown, { image: 'bad image', 'env.2.name': 'x', name: 'Name is required' }, ['port'])).toEqual({
      image: shown.image,
      'env.2.name': { message: 'x', from: 'client' },
    });
  });
});

describe('apiIssues', () => {
  it('reads zod issues and a domain error path from a 400', () => {
    expect(apiIssues(new ApiRequestError(400, 'bad_request', 'Invalid input', [{ path: ['image'], message: 'bad', code: 'custom' }, 'junk']))).toEqual([
      { path: ['image'], message: 'bad', code: 'custom' },
    ]);
    expect(apiIssues(new ApiRequestError(400, 'bad_request', 'Env var X needs a value', { reason: 'invalid_spec', path: ['envVars', 0, 'value'] }))).toEqual([
      { path: ['envVars', 0, 'value'], message: 'Env var X needs a value' },
    ]);
    expect(apiIssues(new ApiRequestError(403, 'forbidden', 'no', [{ path: ['image'], message: 'bad' }]))).toEqual([]);
  });
});

describe('plainMessage', () => {
  it('names fields as the form does', () => {
    expect(plainMessage('memoryMiB must be at least 16')).toBe('Memory must be at least 16');
    expect(plainMessage('upstreamUrl must start with http:// or https://')).toBe('The upstream URL must start with http:// or https://');
  });

  it('never shows zod’s default wording', () => {
    expect(plainMessage('Too big: expected string to have <=1024 characters')).toBe('Must be 1024 characters or less');
    expect(plainMessage('Too small: expected string to have >=1 characters')).toBe('Must not be empty');
    expect(plainMessage('Invalid input: expected number, received NaN')).toBe('Must be a number');
    expect(plainMessage('Invalid input')).toBe('This value is not valid');
    expect(plainMessage('Port must be between 1 and 65535')).toBe('Port must be between 1 and 65535');
  });
});
