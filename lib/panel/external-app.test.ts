import { describe, expect, it } from 'vitest';
import type { AppDto } from '@/lib/apps/app-dto';
import { newAppValues, type NewAppValues } from './app-form-values';
import { appSourceText, checkExternalApp, externalFieldsOf, upstreamUrlProblem } from './external-app';
import { messages } from './field-errors';

const OPTIONS = { regions: ['GRA', 'BHS'], images: ['tollgate/echo'] };

function form(change: Partial<NewAppValues>): NewAppValues {
  return { ...newAppValues('GRA'), kind: 'external', name: 'wiki', upstreamUrl: 'https://10.0.0.5:8443', ...change };
}

describe('upstreamUrlProblem', () => {
  it.each(['http://10.0.0.5:7860', 'https://wiki.internal/base/', ' http://localhost:9000 ', 'http://[::1]:8080'])('accepts %s', (url) => {
    expect(upstreamUrlProblem(url)).toBeNull();
  });

  it.each([
    ['', 'Upstream URL is required'],
    ['10.0.0.5:7860', 'Enter a full URL, with http:// or https://, such as http://10.0.0.5:7860'],
    ['wiki.internal', 'Enter a full URL, with http:// or https://, such as http://10.0.0.5:7860'],
    ['ftp://files.internal/', 'The URL must start with http:// or https://'],
    ['javascript:alert(1)', 'The URL must start with http:// or https://'],
    ['https://admin:hunter2@wiki.internal/', 'Leave the user name and password out of the URL: everyone who can read the app would see them'],
    ['https://token@wiki.internal/', 'Leave the user name and password out of the URL: everyone who can read the app would see them'],
    ['http://wiki.internal/?a=1', 'The URL must not hold a query (?…) or a fragment (#…)'],
    ['http://wiki.internal/#top', 'The URL must not hold a query (?…) or a fragment (#…)'],
    [`http://wiki.internal/${'a'.repeat(2048)}`, 'The URL must be 2048 characters or less'],
  ])('refuses %j: %s', (url, message) => {
    expect(upstreamUrlProblem(url)).toBe(message);
  });
});

describe('checkExternalApp', () => {
  it('builds the body of an external app: no image, command, env vars, resources or replicas', () => {
    const result = checkExternalApp(
      form({
        upstreamUrl: ' https://10.0.0.5:8443/app ',
        preserveHost: true,
        tlsSkipVerify: true,
        probePath: '/health',
        unsecureHttp: true,
        labels: [{ id: 1, key: 'group', value: 'A' }],
        // Left from the image mode: never sent.
        image: 'tollgate/echo',
        command: 'node x.js',
        replicas: '3',
      }),
      OPTIONS,
    );
    expect(result).toEqual({
      ok: true,
      rowIds: [],
      body: {
        name: 'wiki',
        region: 'GRA',
        labels: { group: 'A' },
        unsecureHttp: true,
        upstreamUrl: 'https://10.0.0.5:8443/app',
        preserveHost: true,
        tlsSkipVerify: true,
        probe: { path: '/health' },
      },
    });
  });

  it('defaults the health check to / and the flags to off', () => {
    const result = checkExternalApp(form({ probePath: '  ' }), OPTIONS);
    expect(result.ok && result.body).toMatchObject({ probe: { path: '/' }, preserveHost: false, tlsSkipVerify: false });
  });

  it('reports each field under its own key, with the shared rules of the server schema', () => {
    const result = checkExternalApp(form({ name: '', upstreamUrl: 'https://u:p@x/', probePath: 'health', region: 'SBG' }), OPTIONS);
    expect(result.ok).toBe(false);
    expect(result.ok ? {} : messages(result.errors)).toEqual({
      upstreamUrl: 'Leave the user name and password out of the URL: everyone who can read the app would see them',
      name: 'Name is required',
      probePath: 'The probe path must start with "/"',
      region: 'Region must be one of GRA, BHS',
    });
  });
});

describe('externalFieldsOf', () => {
  const imageApp = { spec: { image: 'tollgate/echo' } } as AppDto;
  const externalApp = { spec: { image: null, upstreamUrl: 'http://10.0.0.5:7860', preserveHost: true, tlsSkipVerify: false } } as unknown as AppDto;

  it('reads the external fields, null for an image app or an older server', () => {
    expect(externalFieldsOf(imageApp)).toBeNull();
    expect(externalFieldsOf({ spec: { image: 'x', upstreamUrl: null } } as unknown as AppDto)).toBeNull();
    expect(externalFieldsOf(externalApp)).toEqual({ upstreamUrl: 'http://10.0.0.5:7860', preserveHost: true, tlsSkipVerify: false });
  });

  it('says what the app runs', () => {
    expect(appSourceText(imageApp)).toBe('tollgate/echo');
    expect(appSourceText(externalApp)).toBe('http://10.0.0.5:7860');
  });
});
