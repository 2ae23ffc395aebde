import type { ApiEventError } from "@faultline/contracts";
import { asString } from "./values";

/** What went wrong processing the event (a missing source map, a value cut short), as Sentry lists it. */
export function EventErrors({ errors }: { errors: ApiEventError[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="event-errors">
      {errors.map((error, index) => {
        const where = asString(error.data.url) ?? asString(error.data.name);
        return (
          <li key={index}>
            <span>{error.message}</span>
            {where ? <code className="muted"> {where}</code> : null}
            <span className="muted small"> ({error.type})</span>
          </li>
        );
      })}
    </ul>
  );
}
