/** The search view (to be built). */
export function SearchView() {
  return <p>Search</p>;
}
