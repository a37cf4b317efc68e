import { useEffect, useState } from 'react';
import { request, type ApiResult } from '../api/client';
import { useSession } from '../api/session';
import { graphql } from '../gql';
import type { BoardPageQuery } from '../gql/graphql';

const BoardPage = graphql(`
  query BoardPage($first: Int) {
    projects(first: $first) {
      totalCount
      edges {
        node {
          id
          code
          title
          stage
        }
      }
    }
  }
`);

/** The pipeline board (first slice: the newest projects). */
export function BoardView() {
  const [result, setResult] = useState<ApiResult<BoardPageQuery> | null>(null);
  // A member sees more than the public: signing in or out asks again.
  const session = useSession();
  useEffect(() => {
    void request(BoardPage, { first: 50 }).then(setResult);
  }, [session]);
  if (!result) return <p aria-busy="true">Loading…</p>;
  return (
    <ul>
      {result.data?.projects.edges.map(({ node }) => (
        <li key={node.id}>
          {node.code} {node.title} ({node.stage})
        </li>
      ))}
    </ul>
  );
}
