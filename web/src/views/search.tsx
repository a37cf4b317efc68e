import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { request, type ApiResult } from '../api/client';
import type { SearchChoicesQuery } from '../gql/graphql';
import { useText } from '../i18n';
import './insight.css';
import { SearchChoices } from './search.operations';
import { searchText } from './search.text';
import { AchievementSearch } from './search-achievements';
import { Demands } from './search-demands';

/** Search and matching: the institutes' achievements and the enterprises' demands, state in the URL. */
export function SearchView() {
  const t = useText(searchText);
  const [params] = useSearchParams();
  const tab = params.get('tab') === 'demands' ? 'demands' : 'achievements';
  const [choices, setChoices] = useState<ApiResult<SearchChoicesQuery> | null>(null);
  useEffect(() => {
    let live = true;
    void request(SearchChoices).then((result) => live && setChoices(result));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="insight search-view">
      <h1>{t.title}</h1>
      <nav className="tabs" aria-label={t.title}>
        <Link href="/search" aria-current={tab === 'achievements' ? 'page' : undefined}>
          {t.achievementsTab}
        </Link>
        <Link href="/search?tab=demands" aria-current={tab === 'demands' ? 'page' : undefined}>
          {t.demandsTab}
        </Link>
      </nav>
      {tab === 'achievements' ? (
        <AchievementSearch t={t} choices={choices} />
      ) : (
        <Demands t={t} choices={choices} />
      )}
    </section>
  );
}
