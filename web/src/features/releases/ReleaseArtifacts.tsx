import { useApi } from "../../api/use-api";
import { ErrorState, Loading } from "../../components/ui/states";
import { formatBytes } from "../issue/event/Attachments";
import type { ArtifactBundle, ReleaseFile } from "./release-types";

/** Source maps and other files uploaded for the release: artifact bundles and legacy release files. */
export function ReleaseArtifacts({ projectPath, version }: { projectPath: string; version: string }) {
  const bundles = useApi<ArtifactBundle[]>(`${projectPath}files/artifact-bundles/`, { query: version, per_page: 100 });
  const files = useApi<ReleaseFile[]>(`${projectPath}releases/${encodeURIComponent(version)}/files/`);
  const error = bundles.error ?? files.error;
  if (error) return <ErrorState error={error} onRetry={() => (bundles.reload(), files.reload())} />;
  if (!bundles.data || !files.data) return <Loading label="Loading artifacts…" />;
  if (bundles.data.length === 0 && files.data.length === 0)
    return (
      <p className="muted">
        No artifacts. Upload source maps with <code>sentry-cli sourcemaps upload --release {version}</code>.
      </p>
    );
  return (
    <ul className="attachment-list">
      {bundles.data.map((bundle) => (
        <li key={bundle.bundleId} className="attachment">
          <span className="attachment-name">Bundle {bundle.bundleId}</span>
          <span className="muted small">
            {bundle.fileCount} file{bundle.fileCount === 1 ? "" : "s"}
            {bundle.size !== undefined ? ` · ${formatBytes(bundle.size)}` : ""}
            {bundle.associations[0]?.dist ? ` · dist ${bundle.associations[0].dist}` : ""}
          </span>
        </li>
      ))}
      {files.data.map((file) => (
        <li key={file.id} className="attachment">
          <span className="attachment-name">{file.name}</span>
          <span className="muted small">
            {formatBytes(file.size)}
            {file.dist ? ` · dist ${file.dist}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}
