/**
 * A React 19 host app with the React wrapper: typed props, `onOdz…` event props, and a bearer
 * token through `getToken`. After leaving or scheduling a deletion it navigates away; after a
 * cancel it shows a notice.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { OrgDangerZone } from '../../../widget/react.js';
import { getToken, listOrgs, orgFromQuery, signIn, signOut, storedToken, type Org } from '../shared/session.js';

function SignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const [email, setEmail] = useState('mia@example.com');
  const [password, setPassword] = useState('danger-zone-demo');
  const [error, setError] = useState('');
  return (
    <form
      className="card"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          onSignedIn(await signIn(email, password));
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <h2>Sign in</h2>
      <label>
        Email <input name="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <button type="submit">Sign in</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

function App() {
  const [token, setToken] = useState(storedToken());
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [orgId, setOrgId] = useState(orgFromQuery());
  const [page, setPage] = useState<'settings' | 'home'>('settings');
  const [notice, setNotice] = useState('');

  useEffect(() => {
    if (!token) return;
    void listOrgs(token).then((list) => {
      setOrgs(list);
      setOrgId((current) => (current && list.some((o) => o.id === current) ? current : (list[0]?.id ?? current)));
    });
  }, [token, page]);

  if (!token) return <SignIn onSignedIn={setToken} />;
  const org = orgs.find((o) => o.id === orgId);
  return (
    <>
      <header className="app-bar">
        <strong>Acme Console (React)</strong>
        <nav>
          <button type="button" onClick={() => setPage('home')}>
            Home
          </button>
          <button type="button" onClick={() => setPage('settings')}>
            Settings
          </button>
          <button
            type="button"
            onClick={() => {
              signOut();
              setToken(null);
            }}
          >
            Sign out
          </button>
        </nav>
      </header>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {page === 'home' ? (
        <main className="card" data-page="home">
          <h1>Home</h1>
          <p>Your organizations: {orgs.map((o) => o.name).join(', ') || 'none'}</p>
        </main>
      ) : (
        <main className="card" data-page="settings">
          <h1>Settings · {org?.name ?? 'Organization'}</h1>
          <label>
            Organization{' '}
            <select value={orgId} onChange={(e) => setOrgId(e.target.value)}>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <OrgDangerZone
            key={orgId}
            orgId={orgId}
            getToken={getToken}
            onOdzLeft={() => {
              setNotice(`You left ${org?.name ?? 'the organization'}.`);
              setPage('home');
            }}
            onOdzDeletionScheduled={(e) => {
              setNotice(`${org?.name ?? 'The organization'} will be deleted on ${new Date(e.detail.purgeAt).toLocaleString()}.`);
              setPage('home');
            }}
            onOdzDeletionCancelled={() => setNotice('The deletion was cancelled.')}
            onOdzError={(e) => {
              // Only a session that is gone sends the user to sign in; a wrong password is the dialog's to explain.
              if (e.detail.signedOut) {
                signOut();
                setToken(null);
              }
            }}
          />
        </main>
      )}
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
