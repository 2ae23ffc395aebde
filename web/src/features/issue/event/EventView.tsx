import type { ReactNode } from "react";
import { Link } from "react-router";
import type { IssueEvent } from "../../../api/types";
import { EventAttachments } from "./Attachments";
import { Breadcrumbs } from "./Breadcrumbs";
import { EventUserReport } from "./EventUserReport";
import { EventErrors } from "./EventErrors";
import { ExceptionEntry } from "./Exception";
import { KeyValueTable } from "./KeyValueTable";
import { RawJson } from "./RawJson";
import { RequestEntry } from "./RequestEntry";
import { StackTrace } from "./StackTrace";
import { contextRows } from "./contexts";
import { framesOf } from "./frames";
import { asArray, asRecord, asString, displayValue } from "./values";

/** A link, or the same label greyed out when there is nowhere to go. */
function NavLinkOr({ to, label }: { to: string | undefined; label: string }) {
  return to ? (
    <Link to={to}>{label}</Link>
  ) : (
    <span className="disabled" aria-disabled="true">
      {label}
    </span>
  );
}

/** Name, version and integrations (as one readable line, not a JSON list). */
function sdkRows(sdk: unknown): [string, unknown][] {
  const record = asRecord(sdk);
  if (!record) return [["sdk", sdk]];
  const integrations = asArray(record.integrations).map((item) => asString(item) ?? displayValue(item));
  return [
    ["name", record.name],
    ["version", record.version],
    ...(integrations.length ? ([["integrations", integrations.join(", ")]] as [string, unknown][]) : []),
  ];
}

/**
 * An SDK that attaches a stack trace to a captured message sends it as an exception without a
 * type (JavaScript also marks it `mechanism.synthetic`): that is a message, not an exception.
 */
function syntheticMessage(data: unknown): { value: string; stacktrace: unknown } | undefined {
  const values = asArray(asRecord(data)?.values).map((raw) => asRecord(raw) ?? {});
  if (values.length !== 1) return undefined;
  const only = values[0]!;
  if (asString(only.type)) return undefined;
  return { value: asString(only.value) ?? "", stacktrace: only.stacktrace };
}

function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="event-section" aria-label={title} id={id}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** Everything one event knows, in Sentry's order; `base` is the issue page's path for navigation. */
export function EventView({
  event,
  base,
  userHref,
  projectPath,
}: {
  event: IssueEvent;
  base: string;
  /** `/projects/{org}/{project}/`: where the event's attachments are listed. */
  projectPath?: string;
  /** Where the page of the event's user (by its `user` tag value) lives. */
  userHref?: (tagValue: string) => string;
}) {
  const userTag = event.tags.find((tag) => tag.key === "user")?.value;
  const entries = event.entries;
  const user = event.user;
  const userRows: [string, unknown][] = user
    ? (
        [
          ["id", user.id],
          ["email", user.email],
          ["username", user.username],
          ["ip_address", user.ip_address],
          ["name", user.name],
          ...Object.entries(user.data ?? {}),
        ] as [string, unknown][]
      ).filter(([, value]) => value !== null && value !== undefined)
    : [];
  const contexts = Object.entries(event.contexts)
    .map(([name, value]) => [name, contextRows(value)] as const)
    .filter(([, rows]) => rows.length > 0);
  // An event captured as a message (no logentry, no exception) still leads with its message.
  const hasMessageEntry = entries.some((entry) => entry.type === "message");
  const hasException = entries.some((entry) => entry.type === "exception");
  const bareMessage = !hasMessageEntry && !hasException && event.message ? event.message : undefined;
  return (
    <div className="event-view">
      <div className="event-nav">
        <div className="event-id">
          Event <code>{event.eventID.slice(0, 12)}</code>
          <span className="muted"> · {new Date(event.dateCreated).toLocaleString()}</span>
          {event.release ? <span className="muted"> · release {event.release.version}</span> : null}
          {event.environment ? <span className="muted"> · {event.environment}</span> : null}
        </div>
        <div className="segmented" role="group" aria-label="Event navigation">
          <NavLinkOr to={event.previousEventID ? `${base}events/oldest/` : undefined} label="Oldest" />
          <NavLinkOr to={event.previousEventID ? `${base}events/${event.previousEventID}/` : undefined} label="Older" />
          <NavLinkOr to={event.nextEventID ? `${base}events/${event.nextEventID}/` : undefined} label="Newer" />
          <NavLinkOr to={event.nextEventID ? `${base}events/latest/` : undefined} label="Latest" />
        </div>
      </div>
      {event.userReport ? <EventUserReport report={event.userReport} /> : null}
      {event.errors?.length ? (
        <Section title="Processing errors">
          <EventErrors errors={event.errors} />
        </Section>
      ) : null}
      {bareMessage ? (
        <Section title="Message">
          <pre className="message">{bareMessage}</pre>
        </Section>
      ) : null}
      {entries.map((entry, index) => {
        switch (entry.type) {
          case "exception": {
            const synthetic = syntheticMessage(entry.data);
            if (synthetic)
              return (
                <Section key={index} title="Message" id="message">
                  <pre className="message">{event.message || synthetic.value}</pre>
                  <StackTrace frames={framesOf(synthetic.stacktrace)} />
                </Section>
              );
            return (
              <Section key={index} title="Exception" id="exception">
                <ExceptionEntry data={entry.data} />
              </Section>
            );
          }
          case "stacktrace":
            return (
              <Section key={index} title="Stack trace">
                <StackTrace frames={framesOf(entry.data)} />
              </Section>
            );
          case "threads":
            return (
              <Section key={index} title="Threads">
                {asArray(asRecord(entry.data)?.values).map((thread, n) => (
                  <div key={n} className="thread">
                    <h3>{asString(asRecord(thread)?.name) ?? `Thread ${asString(asRecord(thread)?.id) ?? n}`}</h3>
                    <StackTrace frames={framesOf(asRecord(thread)?.stacktrace)} />
                  </div>
                ))}
              </Section>
            );
          case "message":
            return (
              <Section key={index} title="Message">
                <pre className="message">{asString(asRecord(entry.data)?.formatted) ?? displayValue(entry.data)}</pre>
              </Section>
            );
          case "breadcrumbs":
            return (
              <Section key={index} title="Breadcrumbs" id="breadcrumbs">
                <Breadcrumbs data={entry.data} />
              </Section>
            );
          case "request":
            return (
              <Section key={index} title="Request">
                <RequestEntry data={entry.data} />
              </Section>
            );
          default:
            return (
              <Section key={index} title={entry.type}>
                <pre className="code-pre">{displayValue(entry.data)}</pre>
              </Section>
            );
        }
      })}
      <Section title="Tags">
        {event.tags.length ? (
          <ul className="event-tags">
            {event.tags.map((tag, index) => (
              <li key={`${tag.key}-${index}`}>
                <span className="tag-key">{tag.key}</span>
                <span className="tag-value">{tag.value}</span>
              </li>
            ))}
          </ul>
        ) : (
          <div className="muted">No tags.</div>
        )}
      </Section>
      {userRows.length ? (
        <Section title="User">
          <KeyValueTable data={userRows} />
          {userTag && userHref ? (
            <Link className="user-link" to={userHref(userTag)}>
              Everything that went wrong for this user →
            </Link>
          ) : null}
        </Section>
      ) : null}
      {contexts.length ? (
        <Section title="Contexts">
          <div className="contexts">
            {contexts.map(([name, rows]) => (
              <div key={name} className="context-card">
                <h3>{name}</h3>
                <KeyValueTable data={rows} />
              </div>
            ))}
          </div>
        </Section>
      ) : null}
      {Object.keys(event.context).length ? (
        <Section title="Additional data">
          <KeyValueTable data={event.context} />
        </Section>
      ) : null}
      {event.sdk ? (
        <Section title="SDK">
          <KeyValueTable data={sdkRows(event.sdk)} />
        </Section>
      ) : null}
      {projectPath ? <EventAttachments key={event.eventID} projectPath={projectPath} eventId={event.eventID} /> : null}
      <Section title="Raw event">
        <RawJson value={event} />
      </Section>
    </div>
  );
}
