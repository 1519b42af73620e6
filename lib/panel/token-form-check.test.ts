import { describe, expect, it } from 'vitest';
import { messages } from './field-errors';
import { checkTokenForm, newTokenValues, tokenFieldOf, tokenIssueMessage, type TokenFormValues } from './token-form-check';

const NOW = new Date(2030, 0, 10, 12, 0, 0).getTime();
const REGIONS = ['GRA', 'BHS'];
const form = (change: Partial<TokenFormValues>): TokenFormValues => ({ ...newTokenValues('GRA'), name: 'ci', ...change });

describe('checkTokenForm', () => {
  it('builds the body POST /v1/token takes, 30 days by default', () => {
    const result = checkTokenForm(form({ description: '  nightly builds ', labelSelector: ' group=A ', allowedIps: '10.0.0.0/8\n192.0.2.1' }), REGIONS, NOW);
    expect(result).toEqual({
      ok: true,
      body: {
        name: 'ci',
        description: 'nightly builds',
        labelSelector: 'group=A',
        role: 'read',
        region: 'GRA',
        expiresAt: new Date(NOW + 30 * 86_400_000).toISOString(),
        allowedIps: ['10.0.0.0/8', '192.0.2.1'],
      },
    });
  });

  it('says what each field needs, every field at once', () => {
    const result = checkTokenForm(form({ name: '  ', description: 'x'.repeat(281), expiry: 'custom', expiryDate: '', allowedIps: '10.0.0.0/33' }), REGIONS, NOW);
    expect(result.ok).toBe(false);
    expect(result.ok ? {} : messages(result.errors)).toEqual({
      name: 'Name is required',
      description: 'Description must be 280 characters or less',
      expiryDate: 'Pick the date the token expires',
      allowedIps: '"10.0.0.0/33" has a prefix length outside 0-32',
    });
  });

  it('sends no expiry when asked', () => {
    const result = checkTokenForm(form({ expiry: 'none' }), REGIONS, NOW);
    expect(result.ok && result.body.expiresAt).toBeNull();
  });
});

describe('server issues', () => {
  it('land on the field that holds them, in the panel’s words', () => {
    expect(tokenFieldOf(['allowedIps', 3])).toBe('allowedIps');
    expect(tokenFieldOf(['expiresAt'])).toBe('expiryDate');
    expect(tokenFieldOf(['unknown'])).toBeNull();
    expect(tokenIssueMessage(['expiresAt'], 'expiresAt must be in the future')).toBe('The expiry date must be in the future');
  });
});
