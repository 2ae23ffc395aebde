import { Link } from "react-router";
import { apiSend } from "../../api/client";
import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { FormMessages } from "../account/FormMessages";
import { useFormAction } from "../account/use-form-action";

interface Subscription {
  issue: {
    id: string;
    shortId: string;
    title: string;
    status: string;
    organization: { slug: string };
  };
  dateSubscribed: string;
}

/**
 * The account page's "Subscriptions": the issues whose workflow emails (comments, assignment,
 * resolution, regressions) the user gets, each with Unsubscribe, and a switch for all of them.
 */
export function SubscriptionsSection() {
  const list = useApi<Subscription[]>("/users/me/subscriptions/");
  const settings = useApi<{ workflowEmails: boolean }>("/users/me/notifications/");
  const form = useFormAction();

  function setWorkflowEmails(on: boolean) {
    void form.run(async () => {
      await apiSend("PUT", "/users/me/notifications/", { workflowEmails: on });
      settings.reload();
      return on ? "Workflow emails are on." : "Workflow emails are off.";
    });
  }

  function unsubscribe(subscription: Subscription) {
    void form.run(async () => {
      await apiSend("DELETE", `/users/me/subscriptions/${subscription.issue.id}/`);
      list.reload();
      return `Unsubscribed from ${subscription.issue.shortId}.`;
    });
  }

  return (
    <section className="panel">
      <h2>Subscriptions</h2>
      <p className="muted small">
        You are subscribed to an issue when you comment on it, are assigned it or press Subscribe. You then get an email
        about its new comments, assignment, resolution and regressions, except for your own changes.
      </p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.data?.workflowEmails ?? true}
          disabled={!settings.data || form.busy}
          onChange={(event) => setWorkflowEmails(event.target.checked)}
        />{" "}
        Email me about the issues I am subscribed to
      </label>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <PanelSkeleton rows={2} />
      ) : list.data.length === 0 ? (
        <p className="muted">You are not subscribed to any issue.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-label="Subscribed issues">
            <tbody>
              {list.data.map((subscription) => (
                <tr key={subscription.issue.id}>
                  <td>
                    <Link
                      to={`/organizations/${encodeURIComponent(subscription.issue.organization.slug)}/issues/${subscription.issue.id}`}
                    >
                      {subscription.issue.shortId}
                    </Link>{" "}
                    {subscription.issue.title}
                  </td>
                  <td className="muted small">
                    {subscription.issue.status} · since <TimeAgo iso={subscription.dateSubscribed} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={form.busy}
                      onClick={() => unsubscribe(subscription)}
                    >
                      Unsubscribe
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormMessages error={form.error} notice={form.notice} />
    </section>
  );
}
