import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { SignInPicker } from './sign-in-picker';

/**
 * Sends the explorer's operations to the API on this page's own origin, with the headers of
 * the header editor (where the "Sign in as" picker puts a member's token).
 */
const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options?.headers as Record<string, string>) },
    body: JSON.stringify(params),
  });
  return response.json() as Promise<Record<string, unknown>>;
};

const FIRST_QUERY = `# The alliance graph: one query joins all five member services.
# Ctrl-Space completes, Ctrl-Enter runs; the book icon opens the schema's docs.
# Sign in as a member (top right) to see members-only records.

query DmtoProject {
  project(id: "dmto-industrialization") {
    code
    title
    stage
    achievement {
      title
      institute {
        name
      }
    }
    leadEnterprise {
      name
    }
  }
}
`;

/** GraphiQL 5 against the gateway, bundled into web/dist: nothing comes from a CDN. */
export function Explorer() {
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={FIRST_QUERY}
      defaultEditorToolsVisibility="headers"
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>
        <span className="explorer-logo">
          <a href="/">Alliance Graph</a>
          <SignInPicker />
        </span>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}
