/** Which of the user's projects the panel (and its /v1 calls without a project header) works on: a preference, re-checked on every use. */
export const PROJECT_COOKIE = 'tg_project';
