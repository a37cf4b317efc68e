/** The dashboard view (to be built). */
export function DashboardView() {
  return <p>Dashboard</p>;
}
