'use client';

import { useRef, useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { describedBy, Field, inputClass } from './ui/field';
import { Button } from './ui/button';

interface Missing {
  email?: string;
  password?: string;
}

/** What is missing, in words, before anything is sent: an empty field is not a wrong password. */
function missingFields(email: string, password: string): Missing {
  const missing: Missing = {};
  if (!email.trim()) missing.email = 'Enter your email';
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) missing.email = 'Enter an email address, such as admin@example.com';
  if (!password) missing.password = 'Enter your password';
  return missing;
}

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<Missing>({});
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    const found = missingFields(email, password);
    setMissing(found);
    if (found.email || found.password) {
      setError(null);
      (found.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', { email, password, redirect: false });
      if (result?.ok && !result.error) {
        router.replace(next);
        router.refresh();
        return;
      }
      setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'Wrong email or password');
      passwordRef.current?.select();
    } catch {
      setError('Could not reach the server. Try again.');
    }
    setPending(false);
  }

  // A field's error clears as soon as it is filled in.
  function fixed(field: keyof Missing, value: string) {
    if (missing[field] && value) setMissing({ ...missing, [field]: undefined });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field id="email" label="Email" error={missing.email}>
        <input
          ref={emailRef}
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          onChange={(event) => fixed('email', event.target.value)}
          aria-invalid={Boolean(missing.email) || undefined}
          aria-describedby={describedBy('email', { error: missing.email })}
          className={inputClass(Boolean(missing.email))}
        />
      </Field>
      <Field id="password" label="Password" error={missing.password}>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          onChange={(event) => fixed('password', event.target.value)}
          aria-invalid={Boolean(missing.password) || undefined}
          aria-describedby={describedBy('password', { error: missing.password })}
          className={inputClass(Boolean(missing.password))}
        />
      </Field>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" pending={pending} className="w-full">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
