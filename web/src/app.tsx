import { Link, Route, Switch } from 'wouter';
import { BoardView } from './views/board';

/** The app's routes: each view is a URL a person can bookmark and share. */
export function App() {
  return (
    <div className="app">
      <header className="top">
        <Link href="/" className="brand">
          Alliance Graph
        </Link>
        <nav>
          <Link href="/">Board</Link>
          <a href="/graphql">Explorer</a>
        </nav>
      </header>
      <main>
        <Switch>
          <Route path="/" component={BoardView} />
          <Route>
            <p role="alert">This page does not exist.</p>
          </Route>
        </Switch>
      </main>
    </div>
  );
}
