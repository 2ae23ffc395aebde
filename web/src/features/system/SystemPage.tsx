import { useAuth } from "../auth/auth-context";
import { EmptyState } from "../../components/ui/states";
import { FailedJobsPanel } from "./FailedJobsPanel";
import { IngestPanel } from "./IngestPanel";
import { NotificationFailuresPanel } from "./NotificationFailuresPanel";
import { QueuesPanel } from "./QueuesPanel";
import { StoragePanel } from "./StoragePanel";

/** Faultline's own health, for the people who run it: superusers only (the API checks too). */
export function SystemPage() {
  const { auth } = useAuth();
  if (auth.status === "authenticated" && !auth.user.isSuperuser)
    return <EmptyState title="Only superusers can see the system status" />;
  return (
    <section className="page page-wide">
      <div className="page-head">
        <h1>System</h1>
      </div>
      <IngestPanel />
      <div className="system-columns">
        <QueuesPanel />
        <StoragePanel />
      </div>
      <FailedJobsPanel />
      <NotificationFailuresPanel />
    </section>
  );
}
