/** Leak watch operations (admin only); codegen reads them from here (see codegen.ts). */
const LEAK_WATCH_FIELDS = /* GraphQL */ `
  fragment WatchListFields on WatchList { id name accounts { source handle } updatedAt }
  fragment TermFields on ConfidentialTerm { id expression always severity updatedAt }
`;

export const LEAK_WATCH_QUERY = /* GraphQL */ `
  query LeakWatch {
    leakWatch {
      version
      lists { ...WatchListFields }
      terms { ...TermFields }
      history(limit: 30) { id at actor action summary }
    }
  }
  ${LEAK_WATCH_FIELDS}
`;

export const CREATE_WATCH_LIST = /* GraphQL */ `mutation CreateWatchList($input: WatchListInput!) { createWatchList(input: $input) { id } }`;
export const UPDATE_WATCH_LIST = /* GraphQL */ `mutation UpdateWatchList($id: ID!, $input: WatchListInput!) { updateWatchList(id: $id, input: $input) { id } }`;
export const DELETE_WATCH_LIST = /* GraphQL */ `mutation DeleteWatchList($id: ID!) { deleteWatchList(id: $id) { id } }`;
export const CREATE_TERM = /* GraphQL */ `mutation CreateConfidentialTerm($input: ConfidentialTermInput!) { createConfidentialTerm(input: $input) { id } }`;
export const UPDATE_TERM = /* GraphQL */ `mutation UpdateConfidentialTerm($id: ID!, $input: ConfidentialTermInput!) { updateConfidentialTerm(id: $id, input: $input) { id } }`;
export const DELETE_TERM = /* GraphQL */ `mutation DeleteConfidentialTerm($id: ID!) { deleteConfidentialTerm(id: $id) { id } }`;
