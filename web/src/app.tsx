import { lazy, Suspense } from 'react';
import { Link, Route, Switch } from 'wouter';
import { LangProvider, useLang, useText } from './i18n';
import { SignIn } from './sign-in';
import { BoardView } from './views/board';

// Views other than the board load on demand: the board route ships only what it needs.
const ProjectView = lazy(() => import('./views/project').then((m) => ({ default: m.ProjectView })));
const SearchView = lazy(() => import('./views/search').then((m) => ({ default: m.SearchView })));
const DashboardView = lazy(() => import('./views/dashboard').then((m) => ({ default: m.DashboardView })));
const AlliancesView = lazy(() => import('./views/alliances').then((m) => ({ default: m.AlliancesView })));
const FundView = lazy(() => import('./views/fund').then((m) => ({ default: m.FundView })));

const text = {
  en: {
    board: 'Board',
    search: 'Search & matching',
    dashboard: 'Dashboard',
    alliances: 'Alliances',
    explorer: 'API explorer',
    missing: 'This page does not exist.',
    loading: 'Loading…',
  },
  zh: {
    board: '项目看板',
    search: '检索与匹配',
    dashboard: '仪表盘',
    alliances: '联盟对比',
    explorer: 'API 浏览器',
    missing: '页面不存在。',
    loading: '加载中…',
  },
};

function Shell() {
  const t = useText(text);
  const { lang, setLang } = useLang();
  return (
    <div className="app">
      <header className="top">
        <Link href="/" className="brand">
          Alliance Graph
        </Link>
        <nav aria-label="Main">
          <Link href="/">{t.board}</Link>
          <Link href="/search">{t.search}</Link>
          <Link href="/dashboard">{t.dashboard}</Link>
          <Link href="/alliances">{t.alliances}</Link>
          <a href="/graphql">{t.explorer}</a>
        </nav>
        <SignIn />
        <button type="button" className="lang" onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}>
          {lang === 'en' ? '中文' : 'English'}
        </button>
      </header>
      <main>
        <Suspense fallback={<p aria-busy="true">{t.loading}</p>}>
          <Switch>
            <Route path="/" component={BoardView} />
            <Route path="/projects/:id" component={ProjectView} />
            <Route path="/search" component={SearchView} />
            <Route path="/dashboard" component={DashboardView} />
            <Route path="/alliances" component={AlliancesView} />
            <Route path="/funds/:id" component={FundView} />
            <Route>
              <p role="alert">{t.missing}</p>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </div>
  );
}

/** The app's routes: each view is a URL a person can bookmark and share. */
export function App() {
  return (
    <LangProvider>
      <Shell />
    </LangProvider>
  );
}
