/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Where a project is in its lifecycle. */
export type ProjectStage =
  /** Products are on the market. */
  | 'COMMERCIALIZED'
  /** An achievement and an enterprise are being matched. */
  | 'DOCKING'
  /** The technical expert committee evaluates it. */
  | 'EVALUATION'
  /** Building production. */
  | 'INDUSTRIALIZATION'
  /** Paused; resumes at the stage it left. */
  | 'ON_HOLD'
  /** Pilot scale-up at a pilot base. */
  | 'PILOT'
  /** Proof of concept. */
  | 'PROOF_OF_CONCEPT'
  /** Stopped for good. */
  | 'TERMINATED';

export type BoardPageQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type BoardPageQuery = { projects: { totalCount: number, edges: Array<{ node: { id: string, code: string, title: string, stage: ProjectStage } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const BoardPageDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<BoardPageQuery, BoardPageQueryVariables>;