'use client';
import Link from 'next/link';
import { QueryView } from '@/components/ui/query-view';
import { DataTable } from '@/components/ui/table';
import { useRights } from '@/lib/users/hooks';

/** Who the signed-in user is and its roles, as the server sees them (GET user/info). */
export function MyRoles() {
  const rights = useRights();
  return (
    <QueryView query={rights} loading="Loading your rights">
      {(me) => (
        <section className="card stack" aria-labelledby="my-rights">
          <h2 className="flush" id="my-rights">
            {me.name ? `${me.name} (${me.username})` : me.username}
          </h2>
          {me.admin ? (
            <p className="flush">You are an administrator: you may do everything, on every project.</p>
          ) : me.roles.length === 0 ? (
            <p className="flush muted">You are not a member of any project yet; ask a project admin to add you.</p>
          ) : (
            <DataTable caption="Your project roles" columns={['Project', 'Role']}>
              {me.roles.map((r) => (
                <tr key={r.projectId}>
                  <td>
                    <Link href={`/projects/${encodeURIComponent(r.projectId)}`}>{r.projectId}</Link>
                  </td>
                  <td>{r.role}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      )}
    </QueryView>
  );
}
