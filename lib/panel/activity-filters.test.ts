import { describe, expect, it } from 'vitest';
import { activityHref, auditPath, exportHref, filtersFromParams, NO_FILTERS } from './activity-filters';

const TOKEN = '0b7c8a58-9d6e-4e8b-8f7a-0a1b2c3d4e5f';

describe('filtersFromParams', () => {
  it('reads filters and paging, pages counted from 1 in the address', () => {
    const filters = filtersFromParams(new URLSearchParams(`token=${TOKEN}&action=token&page=3&size=20`));
    expect(filters).toEqual({ ...NO_FILTERS, token: TOKEN, action: 'token', page: 2, size: 20 });
  });

  it('drops what the API would refuse rather than failing the page', () => {
    expect(filtersFromParams(new URLSearchParams('token=nope&action=DROP;&page=-1&size=7'))).toEqual(NO_FILTERS);
  });
});

describe('addresses', () => {
  it('round-trips the page’s own address, defaults left out', () => {
    expect(activityHref(NO_FILTERS)).toBe('/activity');
    const filters = { ...NO_FILTERS, app: TOKEN, action: 'app.label', page: 1, size: 100 };
    const href = activityHref(filters);
    expect(href).toBe(`/activity?app=${TOKEN}&action=app.label&page=2&size=100`);
    expect(filtersFromParams(new URLSearchParams(href.split('?')[1]))).toEqual(filters);
  });

  it('asks the API with pages from 0, and exports the newest 1000 whatever the page', () => {
    const filters = { ...NO_FILTERS, actor: TOKEN, page: 2, size: 20 };
    expect(auditPath(filters)).toBe(`/v1/audit?actor=${TOKEN}&page=2&size=20`);
    expect(exportHref(filters, 'csv')).toBe(`/v1/audit?actor=${TOKEN}&size=1000&format=csv`);
    expect(exportHref(filters, 'json')).toBe(`/v1/audit?actor=${TOKEN}&size=1000`);
  });
});
