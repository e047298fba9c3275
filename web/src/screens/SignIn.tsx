import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, setCsrfToken } from '../api/client';
import { returnPath } from '../auth/returnTo';
import { Field } from '../components/Field';

interface SignInAnswer { csrfToken: string }

/** The message for a failed sign-in, in words an operator can act on. */
export function signInErrorText(error: ApiError, retryAfterS?: number): string {
  if (error.code === 'invalid_credentials') return 'The e-mail or password is not right.';
  if (error.code === 'too_many_attempts' || error.status === 429)
    return retryAfterS
      ? `Too many attempts. Try again in ${formatWait(retryAfterS)}.`
      : 'Too many attempts. Try again in a few minutes.';
  if (error.status === 422 && error.field) return `${error.field}: ${error.message}`;
  if (error.status === 0) return 'The server cannot be reached. Check the connection and try again.';
  return error.message;
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export default function SignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await signIn(email, password);
      setCsrfToken(answer.csrfToken);
      navigate(returnPath(location.state), { replace: true });
    } catch (cause) {
      const apiError = cause instanceof SignInError ? cause.error : new ApiError(0, 'network', String(cause));
      setError(signInErrorText(apiError, cause instanceof SignInError ? cause.retryAfterS : undefined));
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title" noValidate>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">⚡</span>
          <span className="brand-name">Manage</span>
        </div>
        <h1 id="signin-title">Sign in</h1>
        <p className="muted">Depot charging, live.</p>
        <Field label="E-mail">
          <input type="email" name="email" autoComplete="username" required value={email}
            onChange={(e) => setEmail(e.target.value)} autoFocus />
        </Field>
        <Field label="Password">
          <input type="password" name="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} />
        </Field>
        {error && <p className="form-error" role="alert">{error}</p>}
        <button type="submit" className="button button-primary button-wide" disabled={busy || !email || !password}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

class SignInError extends Error {
  constructor(readonly error: ApiError, readonly retryAfterS?: number) {
    super(error.message);
  }
}

// Sign-in reads Retry-After, which api.post does not expose, so it uses fetch directly.
async function signIn(email: string, password: string): Promise<SignInAnswer> {
  let response: Response;
  try {
    response = await fetch('/api/v1/auth/sign-in', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
  } catch (cause) {
    throw new SignInError(new ApiError(0, 'network', String(cause)));
  }
  const body = (await response.json().catch(() => undefined)) as
    | (SignInAnswer & { error?: { code: string; message: string; field?: string } }) | undefined;
  if (response.ok && body) return body;
  const e = body?.error;
  const retryAfter = Number(response.headers.get('Retry-After'));
  throw new SignInError(new ApiError(response.status, e?.code ?? `http_${response.status}`, e?.message ?? response.statusText, e?.field),
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}
