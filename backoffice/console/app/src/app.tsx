import { useEffect, useState } from 'react';
import { loadSession, postJson, saveSession, type Session } from './api';
import { ROLE_LABELS } from './labels';
import { CallingPage } from './pages/calling';
import { FilingPage } from './pages/filing';
import { FleetPage } from './pages/fleet';
import { LockersPage } from './pages/lockers';
import { LoginPage } from './pages/login';
import { QueuePage } from './pages/queue';
import { RatingsPage } from './pages/ratings';
import { CAN, homePage } from './roles';
import { SecurityAlerts } from './security-alerts';
import { navigate, useRoute } from './route';

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const route = useRoute();

  useEffect(() => {
    const onLogout = () => setSession(null);
    window.addEventListener('console:logout', onLogout);
    return () => window.removeEventListener('console:logout', onLogout);
  }, []);

  if (!session) {
    return (
      <LoginPage
        onLogin={(s) => {
          setSession(s);
          navigate(homePage(s.role));
        }}
      />
    );
  }

  const role = session.role;
  const logout = () => {
    // End the session on the server too; the console forgets it whatever the answer.
    void postJson('/staff/logout')
      .catch(() => undefined)
      .finally(() => {
        saveSession(null);
        setSession(null);
        navigate('');
      });
  };
  let body;
  switch (route.page) {
    case 'filing':
      body = <FilingPage filingId={route.filingId} role={role} />;
      break;
    case 'queue':
      body = CAN.queue(role) ? <QueuePage /> : <Forbidden />;
      break;
    case 'fleet':
      body = CAN.fleet(role) ? <FleetPage role={role} /> : <Forbidden />;
      break;
    case 'ratings':
      body = CAN.ratings(role) ? <RatingsPage /> : <Forbidden />;
      break;
    case 'calling':
      body = CAN.calling(role) ? <CallingPage /> : <Forbidden />;
      break;
    case 'lockers':
      body = CAN.lockers(role) ? <LockersPage role={role} /> : <Forbidden />;
      break;
    case 'home':
      body = homePage(role) === 'queue' ? <QueuePage /> : <FleetPage role={role} />;
      break;
  }

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          一站 · 政务服务后台 <small>Yizhan back office</small>
        </div>
        <nav>
          {CAN.queue(role) && <a href="#/queue">办件队列 Queue</a>}
          {CAN.calling(role) && <a href="#/calling">叫号 Calling</a>}
          {CAN.fleet(role) && <a href="#/fleet">终端监控 Fleet</a>}
          {CAN.lockers(role) && <a href="#/lockers">智能柜 Lockers</a>}
          {CAN.ratings(role) && <a href="#/ratings">好差评 Ratings</a>}
        </nav>
        <div className="user">
          <span data-testid="whoami">
            {session.displayName} · {ROLE_LABELS[role] ?? role}
          </span>
          <button type="button" className="link" onClick={logout}>
            退出 Log out
          </button>
        </div>
      </header>
      <main className="content">
        <SecurityAlerts />
        {body}
      </main>
    </div>
  );
}

function Forbidden() {
  return <p className="notice error">当前角色无权访问此页面 / Not available for your role</p>;
}
