/** The project view (to be built). */
export function ProjectView() {
  return <p>Project</p>;
}
